import { randomUUID } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventPublisherContract, presenceStoreContract, rateLimiterContract } from '@parley/core/testkit';
import {
  closeRedis,
  connectRedis,
  RedisEventPublisher,
  RedisPresenceStore,
  RedisRateLimiter,
  redisRequestCounters,
  type Redis,
} from './index.js';

let url: string;
let stop = async () => {};
const clients: Redis[] = [];

/** REDIS_URL when set (CI), else a throwaway redis container when Docker is reachable. */
beforeAll(async () => {
  if (process.env.REDIS_URL) url = process.env.REDIS_URL;
  else {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('redis:7').withExposedPorts(6379).start();
    stop = async () => {
      await container.stop();
    };
    url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
  }
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  await stop();
});

async function client(): Promise<Redis> {
  const c = await connectRedis(url);
  clients.push(c);
  return c;
}

/** A fresh key prefix per test; keys are removed afterwards. */
const prefix = () => `parley-test:${randomUUID().slice(0, 8)}:`;
async function cleanup(redis: Redis, p: string) {
  const keys = await redis.keys(`${p}*`);
  if (keys.length) await redis.del(keys);
}

const t = { describe, it };
presenceStoreContract(t, async () => {
  const redis = await client();
  const p = prefix();
  return { port: new RedisPresenceStore(redis, p), teardown: () => cleanup(redis, p) };
});
rateLimiterContract(t, async () => {
  const redis = await client();
  const p = prefix();
  return { port: new RedisRateLimiter(redis, p), teardown: () => cleanup(redis, p) };
});
eventPublisherContract(t, async () => {
  const [pub, sub] = [await client(), await client()];
  return { port: new RedisEventPublisher(pub, sub, prefix()), teardown: async () => {} };
});

describe('RedisEventPublisher across nodes', () => {
  it('delivers an event published on one node to a subscriber on another, and not after unsubscribe', async () => {
    const p = prefix();
    const nodeA = new RedisEventPublisher(await client(), await client(), p);
    const nodeB = new RedisEventPublisher(await client(), await client(), p);
    const got: unknown[] = [];
    const unsubscribe = await nodeB.subscribe('conversation:c1', (e) => got.push(e));
    await nodeA.publish('conversation:c1', {
      kind: 'ephemeral',
      event: { type: 'typing.stopped', conversationId: 'c1', userId: 'u1' },
    });
    for (let i = 0; i < 100 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(got).toHaveLength(1);
    await unsubscribe();
    await nodeA.publish('conversation:c1', {
      kind: 'ephemeral',
      event: { type: 'typing.stopped', conversationId: 'c1', userId: 'u2' },
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toHaveLength(1);
  });
});

describe('RedisEventPublisher topic layout', () => {
  it(
    'holds one Redis subscription per topic per node, however many local subscribers, and none where nobody ' +
      'follows',
    async () => {
      const p = prefix();
      const probe = await client();
      const nodeA = new RedisEventPublisher(await client(), await client(), p);
      const subscribers = async (topic: string) =>
        Number(Object.values(await probe.pubSubNumSub(`${p}${topic}`))[0] ?? 0);
      const first = await nodeA.subscribe('conversation:busy', () => {});
      const second = await nodeA.subscribe('conversation:busy', () => {});
      expect(await subscribers('conversation:busy')).toBe(1);
      expect(await subscribers('conversation:quiet')).toBe(0);
      await first();
      expect(await subscribers('conversation:busy')).toBe(1);
      await second();
      expect(await subscribers('conversation:busy')).toBe(0);
    },
  );
});

describe('redisRequestCounters (rate-limiter-flexible in Redis)', () => {
  it('share one count between nodes, and fall back to counting in memory while Redis is unreachable', async () => {
    const p = prefix();
    const [a, b] = [await client(), await client()];
    const options = { keyPrefix: 'limit:test', points: 3, duration: 60 };
    const [nodeA, nodeB] = [redisRequestCounters(a, p)(options), redisRequestCounters(b, p)(options)];
    await nodeA.consume('k');
    await nodeB.consume('k');
    await nodeA.consume('k');
    await expect(nodeB.consume('k'), 'the fourth hit, on the other node').rejects.toMatchObject({ remainingPoints: 0 });
    expect((await nodeB.get('k'))?.consumedPoints).toBe(4);

    const gone = await connectRedis(url);
    await gone.quit();
    const offline = redisRequestCounters(gone, p)(options);
    for (let i = 0; i < 3; i += 1) await offline.consume('other');
    await expect(offline.consume('other'), 'still limited, per node').rejects.toMatchObject({ remainingPoints: 0 });
    await cleanup(a, p);
  });
});

describe('closeRedis', () => {
  it('closes a client at once while Redis cannot be reached, where quit waits for Redis', async () => {
    // A TCP relay to Redis that the test breaks: every connection dropped, new ones refused.
    const target = new URL(url);
    let broken = false;
    const open = new Set<Socket>();
    const relay = createServer((socket) => {
      if (broken) return socket.destroy();
      const upstream = connect(Number(target.port || 6379), target.hostname);
      socket.pipe(upstream).pipe(socket);
      for (const end of [socket, upstream]) {
        open.add(end);
        end.on('error', () => undefined);
        end.on('close', () => {
          socket.destroy();
          upstream.destroy();
        });
      }
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const via = `redis://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    const [quitting, closing] = [await connectRedis(via), await connectRedis(via)];
    broken = true;
    for (const end of open) end.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    let quit = false;
    void quitting
      .quit()
      .catch(() => undefined)
      .finally(() => (quit = true));
    const started = Date.now();
    await closeRedis(closing);
    expect(Date.now() - started).toBeLessThan(100);
    expect(closing.isOpen).toBe(false);
    await closeRedis(closing); // twice is harmless
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(quit, "node-redis's quit still waiting for Redis after 2 s").toBe(false);
    // Nor does it settle once Redis can be reached again: the quitting client no longer reconnects.
    broken = false;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(quit).toBe(false);
    relay.close();
  });
});
