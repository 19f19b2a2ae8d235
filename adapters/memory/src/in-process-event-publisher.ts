import { deepFreeze, type EventPublisher, type RealtimeEvent, type Topic, type Unsubscribe } from '@parley/core';

type Handler = (event: RealtimeEvent) => void;

/** Fan-out within one process: enough for a single API node, and the reference for the Redis adapter. */
export class InProcessEventPublisher implements EventPublisher {
  /**
   * A topic's handlers: the handler itself while there is one (most topics — a user's, a peer's presence —
   * have one socket following them, and idle sockets are most of the memory), a Set from the second on.
   */
  private readonly handlers = new Map<Topic, Handler | Set<Handler>>();

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    const handlers = this.handlers.get(topic);
    if (!handlers) return;
    // One copy per event, as a networked publisher decodes one per node: the publisher's object stays
    // its own, and every subscriber shares the frozen copy.
    const shared = deepFreeze(structuredClone(event));
    for (const handler of typeof handlers === 'function' ? [handlers] : [...handlers]) {
      try {
        handler(shared);
      } catch {
        // One failing subscriber must not starve the others.
      }
    }
  }

  async subscribe(topic: Topic, handler: Handler): Promise<Unsubscribe> {
    const current = this.handlers.get(topic);
    if (current === undefined) this.handlers.set(topic, handler);
    else if (typeof current === 'function') {
      if (current !== handler) this.handlers.set(topic, new Set([current, handler]));
    } else current.add(handler);
    // Bound rather than an arrow function: one object per subscription instead of a closure and its context.
    return this.unsubscribe.bind(this, topic, handler);
  }

  private async unsubscribe(topic: Topic, handler: Handler): Promise<void> {
    const current = this.handlers.get(topic);
    if (current === handler) this.handlers.delete(topic);
    else if (current instanceof Set) {
      current.delete(handler);
      if (current.size === 0) this.handlers.delete(topic);
      else if (current.size === 1) this.handlers.set(topic, current.values().next().value!);
    }
  }
}
