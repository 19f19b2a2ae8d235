/**
 * The soak's fault schedule: which fault comes next, and when, in several lanes at once so outages overlap.
 * What each fault does is faults.ts's; this decides the order, keeps the kinds balanced and keeps two faults
 * off one target at the same time.
 */
export const FAULT_KINDS = [
  'kill-api',
  'kill-worker',
  'pause-api',
  'redis',
  'rabbitmq',
  'database',
  'cut-redis',
  'cut-database',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * What a fault holds while it runs. Two faults on one target would undo each other (a start while the other lane
 * stops it, a kill of the node the other lane paused); faults on different targets overlap, as real outages do.
 */
export const FAULT_TARGET: Record<FaultKind, string> = {
  'kill-api': 'API nodes',
  'pause-api': 'API nodes',
  'kill-worker': 'worker',
  redis: 'Redis',
  rabbitmq: 'RabbitMQ',
  database: 'database',
  'cut-redis': 'proxy to Redis',
  'cut-database': 'proxy to the database',
};

/**
 * Kinds in rounds, each round a seeded shuffle of every kind: the order is random, and after n rounds every kind has
 * come n times, so a long run reaches its count of each kind (a plain random pick leaves some kinds short).
 */
export function balancedSchedule<K>(kinds: readonly K[], random: () => number): () => K {
  if (kinds.length === 0) throw new Error('no fault kinds to schedule');
  let round: K[] = [];
  return () => {
    if (round.length === 0) {
      round = [...kinds];
      for (let i = round.length - 1; i > 0; i -= 1) {
        const j = Math.floor(random() * (i + 1));
        [round[i], round[j]] = [round[j]!, round[i]!];
      }
    }
    return round.pop()!;
  };
}

export interface NemesisOptions<K extends string> {
  kinds: readonly K[];
  /** The target each kind holds (kinds of one target never run at once, beyond its capacity). */
  targetOf: (kind: K) => string;
  /** How many faults may hold a target at once (1 unless said: two API nodes take two, one on each). */
  capacityOf?: (target: string) => number;
  /** How long the nemesis runs (faults under way at the end are finished). */
  seconds: number;
  /** Each lane waits 0.5-1.5 times this between its faults. */
  everyMs: number;
  /** How many faults may be under way at once. */
  lanes: number;
  random: () => number;
  inject: (kind: K) => Promise<void>;
  /** A fault that could not be injected (the run goes on). */
  failed: (kind: K, error: unknown) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Runs the schedule in `lanes` lanes until `seconds` are up; returns how many faults of each kind it injected. */
export async function runNemesis<K extends string>(options: NemesisOptions<K>): Promise<Record<string, number>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const next = balancedSchedule(options.kinds, options.random);
  const counts: Record<string, number> = {};
  const held = new Map<string, Set<Promise<void>>>();
  const end = now() + options.seconds * 1000;
  async function lane(): Promise<void> {
    while (now() < end) {
      await sleep(options.everyMs * (0.5 + options.random()));
      if (now() >= end) return;
      const kind = next();
      const target = options.targetOf(kind);
      const holding = held.get(target) ?? new Set<Promise<void>>();
      held.set(target, holding);
      // wait until the target has room (the other lanes' faults on it finish), then hold it
      while (holding.size >= (options.capacityOf?.(target) ?? 1)) await Promise.race(holding);
      const running = (async () => {
        counts[kind] = (counts[kind] ?? 0) + 1;
        await options.inject(kind).catch((error: unknown) => options.failed(kind, error));
      })();
      holding.add(running);
      await running;
      holding.delete(running);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.lanes) }, lane));
  return counts;
}
