import { describe, expect, it } from 'vitest';
import { balancedSchedule, FAULT_KINDS, FAULT_TARGET, runNemesis } from './nemesis.js';

/** mulberry32, as the soak seeds it. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('the balanced schedule', () => {
  it('gives every kind once per round, in a seeded random order', () => {
    const next = balancedSchedule(FAULT_KINDS, seeded(7));
    const rounds = Array.from({ length: 50 }, () => FAULT_KINDS.map(() => next()));
    for (const round of rounds) expect([...round].sort()).toEqual([...FAULT_KINDS].sort());
    expect(new Set(rounds.map((r) => r.join())).size).toBeGreaterThan(1);
    const again = balancedSchedule(FAULT_KINDS, seeded(7));
    expect(rounds.flat().slice(0, 16)).toEqual(Array.from({ length: 16 }, () => again()));
  });
});

describe('the nemesis', () => {
  it('overlaps faults in its lanes, never two on one target, and counts what it injected', async () => {
    let clock = 0;
    const timers: { at: number; resolve: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => timers.push({ at: clock + ms, resolve }));
    const running = new Map<string, number>();
    const capacity = (target: string) => (target === 'API nodes' ? 2 : 1);
    let twoNodesAtOnce = 0;
    let overlapping = 0;
    const seen: string[] = [];
    const clashes: string[] = [];
    const done = runNemesis({
      kinds: FAULT_KINDS,
      targetOf: (kind) => FAULT_TARGET[kind],
      capacityOf: capacity,
      seconds: 600,
      everyMs: 1000,
      lanes: 3,
      random: seeded(11),
      sleep,
      now: () => clock,
      failed: () => {},
      inject: async (kind) => {
        const target = FAULT_TARGET[kind];
        if ((running.get(target) ?? 0) >= capacity(target)) clashes.push(`${kind} while ${target} was taken`);
        running.set(target, (running.get(target) ?? 0) + 1);
        if (running.get('API nodes') === 2) twoNodesAtOnce += 1;
        if ([...running.values()].filter(Boolean).length > 1) overlapping += 1;
        seen.push(kind);
        await sleep(kind === 'pause-api' ? 10_000 : 3000);
        running.set(target, running.get(target)! - 1);
      },
    });
    // a fake clock: run every timer in time order until the nemesis is done
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      await new Promise((r) => setImmediate(r));
      timers.sort((a, b) => a.at - b.at);
      const timer = timers.shift();
      if (!timer) continue;
      clock = Math.max(clock, timer.at);
      timer.resolve();
    }
    const counts = await done;
    expect(clashes).toEqual([]);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(seen.length);
    expect(overlapping).toBeGreaterThan(0);
    expect(twoNodesAtOnce).toBeGreaterThan(0);
    const perKind = FAULT_KINDS.map((kind) => counts[kind] ?? 0);
    expect(Math.max(...perKind) - Math.min(...perKind)).toBeLessThanOrEqual(3);
    expect(Math.min(...perKind)).toBeGreaterThan(20);
  });
});
