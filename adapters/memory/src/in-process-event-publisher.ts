import { deepFreeze, type EventPublisher, type RealtimeEvent, type Topic, type Unsubscribe } from '@parley/core';

/** Fan-out within one process: enough for a single API node, and the reference for the Redis adapter. */
export class InProcessEventPublisher implements EventPublisher {
  private readonly handlers = new Map<Topic, Set<(event: RealtimeEvent) => void>>();

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    const handlers = this.handlers.get(topic);
    if (!handlers || handlers.size === 0) return;
    // One copy per event, as a networked publisher decodes one per node: the publisher's object stays
    // its own, and every subscriber shares the frozen copy.
    const shared = deepFreeze(structuredClone(event));
    for (const handler of [...handlers]) {
      try {
        handler(shared);
      } catch {
        // One failing subscriber must not starve the others.
      }
    }
  }

  async subscribe(topic: Topic, handler: (event: RealtimeEvent) => void): Promise<Unsubscribe> {
    const set = this.handlers.get(topic) ?? new Set();
    set.add(handler);
    this.handlers.set(topic, set);
    return async () => {
      set.delete(handler);
      if (set.size === 0) this.handlers.delete(topic);
    };
  }
}
