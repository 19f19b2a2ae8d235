import { deepFreeze, type EventPublisher, type RealtimeEvent, type Topic, type Unsubscribe } from '@parley/core';
import type { Redis } from './redis-client.js';

/** JSON with Dates tagged, so they come back as Dates on every node. */
export const encode = (event: RealtimeEvent): string =>
  JSON.stringify(event, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });

export const decode = (text: string): RealtimeEvent =>
  JSON.parse(text, (_key, value: unknown) =>
    value &&
    typeof value === 'object' &&
    typeof (value as { $date?: unknown }).$date === 'string' &&
    Object.keys(value).length === 1
      ? new Date((value as { $date: string }).$date)
      : value,
  );

/**
 * Fan-out between API nodes over Redis pub/sub. Each node subscribes only to the topics its own sockets
 * need (one Redis subscription per topic, shared by every local handler), and publishes to all.
 */
export class RedisEventPublisher implements EventPublisher {
  private readonly handlers = new Map<string, Set<(event: RealtimeEvent) => void>>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix = 'parley:',
  ) {}

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    await this.publisher.publish(`${this.prefix}${topic}`, encode(event));
  }

  async subscribe(topic: Topic, handler: (event: RealtimeEvent) => void): Promise<Unsubscribe> {
    const channel = `${this.prefix}${topic}`;
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      const local = set;
      await this.subscriber.subscribe(channel, (message) => {
        const event = deepFreeze(decode(message));
        for (const h of [...local]) {
          try {
            h(event);
          } catch {
            // one failing handler must not starve the others
          }
        }
      });
    }
    set.add(handler);
    const handlers = set;
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.handlers.get(channel) === handlers) {
        this.handlers.delete(channel);
        await this.subscriber.unsubscribe(channel);
      }
    };
  }
}
