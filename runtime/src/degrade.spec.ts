import { describe, expect, it } from 'vitest';
import { readinessOf, withFallback } from './degrade.js';

const logger = { debug() {}, info() {}, warn() {}, error() {} };

describe('withFallback', () => {
  it('answers from the fallback while the primary fails, and from the primary again once it answers', async () => {
    let down = true;
    const primary = {
      async hit(key: string) {
        if (down) throw new Error('connection refused');
        return `primary:${key}`;
      },
    };
    const fallback = {
      async hit(key: string) {
        return `memory:${key}`;
      },
    };
    const warnings: string[] = [];
    const port = withFallback('Redis (test)', primary, fallback, {
      ...logger,
      warn: (m: string) => {
        warnings.push(m);
      },
    });
    expect(await port.hit('a')).toBe('memory:a');
    expect(await port.hit('b')).toBe('memory:b');
    expect(warnings).toHaveLength(1); // one warning per quiet period, not one per call
    down = false;
    expect(await port.hit('c')).toBe('primary:c');
  });
});

describe('readinessOf', () => {
  it('says which dependency is not ready and why, once per cause, and when it passes again', async () => {
    const logged: { level: string; message: string; fields: Record<string, unknown> }[] = [];
    const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
      void logged.push({ level, message, fields: fields ?? {} });
    const logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
    let database: 'up' | 'hangs' | 'throws' | 'no' = 'up';
    const readiness = readinessOf(
      {
        redis: async () => true,
        mongodb: async () => {
          if (database === 'hangs') return new Promise<boolean>(() => {});
          if (database === 'throws') throw new Error('connection refused');
          return database === 'up';
        },
      },
      logger,
      50,
    );
    expect(await readiness()).toEqual({ redis: true, mongodb: true });
    database = 'hangs';
    expect(await readiness()).toEqual({ redis: true, mongodb: false });
    expect(await readiness()).toEqual({ redis: true, mongodb: false });
    database = 'throws';
    await readiness();
    database = 'no';
    await readiness();
    database = 'up';
    await readiness();
    await readiness();
    expect(logged.map((l) => [l.level, l.fields.dependency, l.fields.cause ?? null])).toEqual([
      ['warn', 'mongodb', 'no answer within 50 ms'],
      ['warn', 'mongodb', 'failed: Error: connection refused'],
      ['warn', 'mongodb', 'answered that it is not ready'],
      ['info', 'mongodb', null],
    ]);
  });
});
