import type { RealtimeEvent, Topic } from '../domain/event.js';

export const EventPublisher = Symbol.for('EventPublisher');

export type Unsubscribe = () => Promise<void>;

export interface EventPublisher {
  /** Delivers the event, best effort, to every current subscriber of the topic on every node. */
  publish(topic: Topic, event: RealtimeEvent): Promise<void>;
  /**
   * Calls the handler for each event published to the topic from now on, until unsubscribed. On one
   * node, every handler of an event gets the same frozen object: handlers may not change it, and may
   * cache what they derive from it (the socket gateway serialises each event once, not once per socket).
   */
  subscribe(topic: Topic, handler: (event: RealtimeEvent) => void): Promise<Unsubscribe>;
}
