import type { EventPublisher, RealtimeEvent, Topic, Unsubscribe } from '@parley/core';

/** Fan-out within one process: enough for a single API node, and the reference for the Redis adapter. */
export class InProcessEventPublisher implements EventPublisher {
  private readonly handlers = new Map<Topic, Set<(event: RealtimeEvent) => void>>();

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    for (const handler of [...(this.handlers.get(topic) ?? [])]) {
      try {
        handler(structuredClone(event));
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
