import { describe, expect, it } from 'vitest';
import { DependencyUnavailable } from '@parley/core';
import { ConfigError } from './config.js';
import { SubscribeTimeoutError } from '@parley/adapter-redis';
import { closeAll, isTransientStartError, startWhenReachable } from './process.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });

describe('isTransientStartError', () => {
  it('tells a server that is not there yet from a start that is wrong', () => {
    const transient = [
      new DependencyUnavailable('database'),
      // (the driver's errors as it names them; runtime does not depend on the driver itself)
      Object.assign(new Error('connection reset'), { name: 'MongoNetworkError' }),
      Object.assign(new Error('Server selection timed out after 5000 ms'), { name: 'MongoServerSelectionError' }),
      refused,
      new Error('RabbitMQ is unreachable at 127.0.0.1:5672'),
      // Redis away (node-redis's errors: redis-event-publisher.spec.ts), a subscription it did not confirm in time
      new SubscribeTimeoutError('parley:cache', 10_000),
    ];
    const wrong = [
      new ConfigError('REDIS_URL: host unreachable is not a URL'),
      new TypeError('x is undefined'),
      'not an error',
    ];
    expect(transient.map(isTransientStartError)).toEqual(transient.map(() => true));
    expect(wrong.map(isTransientStartError)).toEqual(wrong.map(() => false));
  });
});

describe('startWhenReachable', () => {
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);

  it('tries again while the failure is transient, saying so, and returns what the start made', async () => {
    waits.length = 0;
    const lines: string[] = [];
    let tries = 0;
    const started = await startWhenReachable(
      async () => {
        tries += 1;
        if (tries < 4) throw refused;
        return 'running';
      },
      { seconds: 60, log: (line) => lines.push(line), sleep },
    );
    expect(started).toBe('running');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/ECONNREFUSED.*trying again in 1 s/);
  });

  it('throws at once on anything else, and once the time is up', async () => {
    waits.length = 0;
    const wrong = new ConfigError('MONGO_URL is not a URL');
    await expect(startWhenReachable(() => Promise.reject(wrong), { seconds: 60, log: () => {}, sleep })).rejects.toBe(
      wrong,
    );
    expect(waits).toEqual([]);
    await expect(startWhenReachable(() => Promise.reject(refused), { seconds: 0, log: () => {}, sleep })).rejects.toBe(
      refused,
    );
  });
});

describe('closeAll', () => {
  it('closes in turn, leaving behind a step that does not finish in time, and survives one that fails', async () => {
    const done: string[] = [];
    const started = Date.now();
    await closeAll(
      [
        async () => void done.push('first'),
        () => new Promise<void>(() => done.push('hangs')),
        async () => {
          done.push('fails');
          throw new Error('already closed');
        },
        async () => void done.push('last'),
      ],
      50,
    );
    expect(done).toEqual(['first', 'hangs', 'fails', 'last']);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
