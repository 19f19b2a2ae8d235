import { describe, expect, it } from 'vitest';
import { CachedAccessView, type AccessCacheDeps } from './cached-access-view.js';

const user = (id: string) => ({ id, username: id });

describe('CachedAccessView', () => {
  it('serves reads from memory within the TTL, and sweeps expired entries away', async () => {
    let now = 1_000;
    let reads = 0;
    const deps = {
      users: {
        findById: async (id: string) => {
          reads += 1;
          return user(id);
        },
      },
    } as unknown as AccessCacheDeps;
    const cache = new CachedAccessView(deps, { ttlMs: 100, now: () => now });
    await cache.user('ann');
    await cache.user('ann');
    await cache.user('bob');
    expect([reads, cache.size]).toEqual([2, 2]);
    now += 50;
    expect(cache.sweep()).toBe(0);
    now += 60;
    await cache.user('cat');
    expect(cache.sweep()).toBe(2);
    expect(cache.size).toBe(1);
    await cache.user('ann');
    expect(reads).toBe(4);
  });

  it('sweeps on the timer it is given, so an idle process lets go of rows', async () => {
    let now = 0;
    let tick: (() => void) | undefined;
    const deps = {
      users: { findById: async (id: string) => user(id) },
      publisher: { subscribe: async () => async () => undefined },
    } as unknown as AccessCacheDeps;
    const cache = new CachedAccessView(deps, {
      ttlMs: 100,
      now: () => now,
      every: (_ms, run) => {
        tick = run;
        return () => {
          tick = undefined;
        };
      },
    });
    await cache.start();
    await cache.user('ann');
    now += 101;
    tick!();
    expect(cache.size).toBe(0);
    await cache.stop();
    expect(tick).toBeUndefined();
  });

  it('caches the content filters as one entry and drops it when a filter is added or removed', async () => {
    let reads = 0;
    const stored: { id: string }[] = [];
    const contentFilters = {
      list: async () => {
        reads += 1;
        return [...stored];
      },
      add: async (filter: { id: string }) => {
        stored.push(filter);
        return true;
      },
      remove: async () => true,
    };
    const publisher = { subscribe: async () => async () => undefined, publish: async () => undefined };
    // The other stores are not used here: any of their methods does nothing.
    const store = new Proxy({}, { get: () => async () => undefined });
    const others = { conversations: store, participants: store, users: store, blocks: store, sessions: store };
    const deps = { ...others, flags: store, contentFilters, publisher } as unknown as AccessCacheDeps;
    const cache = new CachedAccessView(deps, { ttlMs: 60_000 });
    const ports = cache.wrap(deps as never) as unknown as { contentFilters: typeof contentFilters };
    expect(await cache.filters()).toEqual([]);
    expect(await ports.contentFilters.list()).toEqual([]);
    expect(reads).toBe(1);
    await ports.contentFilters.add({ id: 'f1' });
    expect(await cache.filters()).toEqual([{ id: 'f1' }]);
    expect(reads).toBe(2);
  });

  it('starts again after its subscription failed (Redis away during a start), and stops either way', async () => {
    let asked = 0;
    let stopped = 0;
    const deps = {
      publisher: {
        subscribe: async () => {
          asked += 1;
          if (asked === 1) throw new Error('Redis did not confirm the subscription');
          return async () => void (stopped += 1);
        },
      },
    } as unknown as AccessCacheDeps;
    const cache = new CachedAccessView(deps);
    await expect(cache.start()).rejects.toThrow('did not confirm');
    await cache.start();
    await cache.start();
    expect(asked).toBe(2);
    await cache.stop();
    expect(stopped).toBe(1);
    const failing = new CachedAccessView({
      publisher: { subscribe: async () => Promise.reject(new Error('down')) },
    } as unknown as AccessCacheDeps);
    void failing.start().catch(() => undefined);
    await failing.stop();
  });
});
