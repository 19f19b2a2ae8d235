import { describe, expect, it } from 'vitest';
import { databaseProbe } from './index.js';

describe('the readiness probe', () => {
  it('asks one ping at a time: checks asked while one is on its way share its answer, then one more', async () => {
    // Nothing listens on port 9: each ping fails after server selection (5 s), never sooner.
    const probe = databaseProbe('mongodb://127.0.0.1:9/parley');
    const first = probe.ping();
    const asked = Array.from({ length: 20 }, () => probe.ping());
    expect(asked.every((p) => p === first)).toBe(true);
    await expect(first).rejects.toThrow();
    const next = probe.ping();
    expect(next).not.toBe(first);
    next.catch(() => undefined);
    await probe.close();
  }, 15_000);
});
