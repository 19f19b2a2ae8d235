import { describe, expect, it } from 'vitest';
import { Coalescer } from '../src/shared/coalescer.js';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

function recorder(intervalMs: number) {
  const writes: [string, number, number][] = [];
  const started = Date.now();
  const coalescer = new Coalescer<number>(
    async (key, value) => {
      writes.push([key, value, Date.now() - started]);
      await tick(5);
    },
    Math.max,
    () => {},
    intervalMs,
  );
  return { writes, coalescer };
}

describe('Coalescer', () => {
  it('writes a key not written lately at once, and merges what follows into one write after the interval', async () => {
    const { writes, coalescer } = recorder(300);
    void coalescer.submit('c1', 1);
    await tick(20);
    expect(writes.map(([k, v]) => [k, v])).toEqual([['c1', 1]]);
    const later = [2, 5, 3].map((v) => coalescer.submit('c1', v));
    void coalescer.submit('c2', 7);
    await tick(20);
    expect(writes.map(([k, v]) => [k, v])).toEqual([
      ['c1', 1],
      ['c2', 7],
    ]);
    expect(await Promise.all(later)).toEqual([true, true, true]);
    expect(writes.map(([k, v]) => [k, v])).toEqual([
      ['c1', 1],
      ['c2', 7],
      ['c1', 5],
    ]);
    expect(writes[2]![2]).toBeGreaterThanOrEqual(290);
  });

  it('settle() and a submit with `now` end the wait at once', async () => {
    const { writes, coalescer } = recorder(10_000);
    await coalescer.submit('c1', 1);
    void coalescer.submit('c1', 2);
    await coalescer.settle();
    expect(writes.map(([, v]) => v)).toEqual([1, 2]);
    void coalescer.submit('c1', 3);
    await tick(20);
    expect(writes.map(([, v]) => v)).toEqual([1, 2]);
    await coalescer.submit('c1', 4, true);
    expect(writes.map(([, v]) => v)).toEqual([1, 2, 4]);
    expect(writes.at(-1)![2]).toBeLessThan(5_000);
  });

  it('reports a failed write and resolves false; the next value is written again', async () => {
    const errors: string[] = [];
    let fail = true;
    const coalescer = new Coalescer<number>(
      async () => {
        if (fail) throw new Error('down');
      },
      Math.max,
      (key) => errors.push(key),
    );
    expect(await coalescer.submit('c1', 1)).toBe(false);
    fail = false;
    expect(await coalescer.submit('c1', 2)).toBe(true);
    expect(errors).toEqual(['c1']);
  });
});
