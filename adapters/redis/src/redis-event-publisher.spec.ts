import { describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@parley/core';
import type { Redis } from './redis-client.js';
import { ClientOfflineError, ErrorReply, SocketClosedUnexpectedlyError } from 'redis';
import { encode, isRedisUnavailable, RedisEventPublisher, SubscribeTimeoutError } from './redis-event-publisher.js';

/**
 * A subscriber connection whose SUBSCRIBEs Redis confirms only when the test says so (as while Redis restarts),
 * recording what is asked of it. (Delivery through a real Redis: redis.integration.spec.ts.)
 */
class SlowSubscriber {
  readonly asked: { channel: string; listener: (message: string) => void; confirm: () => void }[] = [];
  readonly unsubscribed: { channel: string; listener?: (message: string) => void }[] = [];

  subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    return new Promise((confirm) => this.asked.push({ channel, listener, confirm: () => confirm() }));
  }

  async unsubscribe(channel: string, listener?: (message: string) => void): Promise<void> {
    this.unsubscribed.push({ channel, ...(listener ? { listener } : {}) });
  }

  /** What Redis would hand to every listener of the channel still subscribed. */
  deliver(channel: string, event: RealtimeEvent): void {
    for (const asked of this.asked)
      if (asked.channel === channel && !this.unsubscribed.some((u) => u.listener === asked.listener))
        asked.listener(encode(event));
  }
}

const event: RealtimeEvent = {
  kind: 'ephemeral',
  event: { type: 'cache.invalidated', keys: ['user:1'] },
} as unknown as RealtimeEvent;

const publisherOver = (subscriber: SlowSubscriber, timeoutMs: number) =>
  new RedisEventPublisher({} as Redis, subscriber as unknown as Redis, 'p:', timeoutMs);

describe('RedisEventPublisher subscribing', () => {
  it('resolves only once Redis confirmed, for every subscriber of the topic', async () => {
    const redis = new SlowSubscriber();
    const publisher = publisherOver(redis, 5_000);
    const got: string[] = [];
    let settled = 0;
    const first = publisher.subscribe('cache:access', () => got.push('first')).then((u) => (settled++, u));
    const second = publisher.subscribe('cache:access', () => got.push('second')).then((u) => (settled++, u));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(0);
    expect(redis.asked.map((a) => a.channel)).toEqual(['p:cache:access']);
    redis.asked[0]!.confirm();
    await Promise.all([first, second]);
    redis.deliver('p:cache:access', event);
    expect(got).toEqual(['first', 'second']);
  });

  it('fails when Redis does not confirm in time, and the next subscribe asks Redis again', async () => {
    const redis = new SlowSubscriber();
    const publisher = publisherOver(redis, 50);
    const started = Date.now();
    await expect(publisher.subscribe('cache:access', () => undefined)).rejects.toBeInstanceOf(SubscribeTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const got: string[] = [];
    const again = publisher.subscribe('cache:access', () => got.push('again'));
    expect(redis.asked.map((a) => a.channel)).toEqual(['p:cache:access', 'p:cache:access']);
    redis.asked[1]!.confirm();
    await again;
    // The first SUBSCRIBE confirmed late after all: its listener is let go, and the event arrives once.
    redis.asked[0]!.confirm();
    await new Promise((r) => setTimeout(r, 10));
    expect(redis.unsubscribed).toEqual([{ channel: 'p:cache:access', listener: redis.asked[0]!.listener }]);
    redis.deliver('p:cache:access', event);
    expect(got).toEqual(['again']);
  });

  it('unsubscribes the channel in Redis when its last handler goes', async () => {
    const redis = new SlowSubscriber();
    const publisher = publisherOver(redis, 5_000);
    const pending = [publisher.subscribe('user:t', () => undefined), publisher.subscribe('user:t', () => undefined)];
    redis.asked[0]!.confirm();
    const [a, b] = await Promise.all(pending);
    await a!();
    expect(redis.unsubscribed).toEqual([]);
    await b!();
    expect(redis.unsubscribed).toEqual([{ channel: 'p:user:t' }]);
  });
});

describe('isRedisUnavailable', () => {
  it("knows node-redis's connection errors by class (their name is plain 'Error'), and nothing else", () => {
    const unavailable = [
      new SocketClosedUnexpectedlyError(),
      new ClientOfflineError(),
      new SubscribeTimeoutError('p:cache:access', 10_000),
    ];
    expect(unavailable.map((e) => e.name)).toEqual(['Error', 'Error', 'SubscribeTimeoutError']);
    expect(unavailable.map(isRedisUnavailable)).toEqual([true, true, true]);
    const other = [new ErrorReply('WRONGTYPE Operation against a key'), new TypeError('x'), 'Socket closed'];
    expect(other.map(isRedisUnavailable)).toEqual([false, false, false]);
  });
});
