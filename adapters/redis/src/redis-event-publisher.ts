import { deepFreeze, type EventPublisher, type RealtimeEvent, type Topic, type Unsubscribe } from '@parley/core';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
} from 'redis';
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

/** How long a SUBSCRIBE may wait for Redis to confirm it before the subscribe fails (and can be tried again). */
export const SUBSCRIBE_TIMEOUT_MS = 10_000;

/** Redis did not confirm a subscription in time (down, restarting, or a connection that stopped answering). */
export class SubscribeTimeoutError extends Error {
  constructor(channel: string, ms: number) {
    super(`Redis did not confirm the subscription to ${channel} within ${ms} ms`);
    this.name = 'SubscribeTimeoutError';
  }
}

/**
 * Whether an error means Redis cannot be reached right now (worth trying again): node-redis's connection errors (by
 * class: their `name` is plain 'Error'), or a subscription it did not confirm in time.
 */
export const isRedisUnavailable = (error: unknown): boolean =>
  error instanceof SubscribeTimeoutError ||
  error instanceof SocketClosedUnexpectedlyError ||
  error instanceof ClientOfflineError ||
  error instanceof ClientClosedError ||
  error instanceof DisconnectsClientError ||
  error instanceof ConnectionTimeoutError ||
  error instanceof SocketTimeoutError ||
  error instanceof ReconnectStrategyError;

interface Channel {
  handlers: Set<(event: RealtimeEvent) => void>;
  /** Settles when Redis confirmed the SUBSCRIBE; every subscriber of the channel waits for it. */
  confirmed: Promise<void>;
}

/**
 * Fan-out between API nodes over Redis pub/sub. Each node subscribes only to the topics its own sockets
 * need (one Redis subscription per topic, shared by every local handler), and publishes to all.
 *
 * A subscribe resolves once Redis confirmed it, and fails if Redis did not within `subscribeTimeoutMs`
 * (node-redis waits for the confirmation with no limit of its own: a start waited on one for minutes while Redis
 * restarted). A failed subscribe leaves nothing behind, so the next one for the topic asks Redis again.
 */
export class RedisEventPublisher implements EventPublisher {
  private readonly channels = new Map<string, Channel>();

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly prefix = 'parley:',
    private readonly subscribeTimeoutMs = SUBSCRIBE_TIMEOUT_MS,
  ) {}

  async publish(topic: Topic, event: RealtimeEvent): Promise<void> {
    await this.publisher.publish(`${this.prefix}${topic}`, encode(event));
  }

  async subscribe(topic: Topic, handler: (event: RealtimeEvent) => void): Promise<Unsubscribe> {
    const name = `${this.prefix}${topic}`;
    let channel = this.channels.get(name);
    if (!channel) {
      const handlers = new Set<(event: RealtimeEvent) => void>();
      channel = { handlers, confirmed: this.confirm(name, handlers) };
      this.channels.set(name, channel);
      const made = channel;
      made.confirmed.catch(() => {
        if (this.channels.get(name) === made) this.channels.delete(name);
      });
    }
    await channel.confirmed;
    channel.handlers.add(handler);
    const { handlers } = channel;
    return async () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.channels.get(name)?.handlers === handlers) {
        this.channels.delete(name);
        await this.subscriber.unsubscribe(name);
      }
    };
  }

  /** Subscribes the channel in Redis, its messages going to `handlers`; fails after the time limit. */
  private async confirm(name: string, handlers: Set<(event: RealtimeEvent) => void>): Promise<void> {
    const listener = (message: string) => {
      const event = deepFreeze(decode(message));
      for (const h of [...handlers]) {
        try {
          h(event);
        } catch {
          // one failing handler must not starve the others
        }
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const subscribed = this.subscriber.subscribe(name, listener);
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new SubscribeTimeoutError(name, this.subscribeTimeoutMs)),
        this.subscribeTimeoutMs,
      );
    });
    try {
      await Promise.race([subscribed, limit]);
    } catch (error) {
      // Confirmed late after all: this listener is dropped, so the topic is subscribed afresh next time.
      void subscribed.then(
        () => this.subscriber.unsubscribe(name, listener).catch(() => undefined),
        () => undefined,
      );
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
