/**
 * What each of the nemesis's faults does to the soak's system (nemesis.ts decides which comes when): kill -9 an API
 * node or the worker and start it again, pause a node past the leases (SIGSTOP), restart Redis, RabbitMQ or the
 * database, or cut node B off from Redis or the database through its proxy.
 */
import { spawnSync } from 'node:child_process';
import { sleep } from '../../apps/api/src/fault-kit.js';
import type { FaultKind } from './nemesis.js';
import { pickWith } from './seeded.js';
import type { Proc, SoakSystem } from './system.js';

/** Restarts stop and start the project's own services (scripts/services.sh). */
export const services = (root: string, verb: 'stop' | 'start', name: string) =>
  spawnSync('bash', [`${root}/scripts/services.sh`, verb, name], { stdio: 'ignore', timeout: 120_000 });

/** The faults, their lengths and their targets drawn from `chaos` (the nemesis's seeded stream). */
export function faultInjector(
  system: SoakSystem,
  root: string,
  chaos: () => number,
): (kind: FaultKind) => Promise<void> {
  const { nodes, worker, alive, launch, ready, note } = system;
  const pick = pickWith(chaos);
  /** The API nodes a fault holds now: two API faults at once take one node each (both down: a full outage). */
  const underFault = new Set<Proc>();
  const takeNode = (): Proc => {
    const node = pick(nodes.filter((n) => !underFault.has(n)));
    underFault.add(node);
    return node;
  };
  return async (kind) => {
    note(`fault: ${kind}`);
    const down = 1000 + chaos() * 4000;
    switch (kind) {
      case 'kill-api':
      case 'kill-worker': {
        const proc = kind === 'kill-worker' ? worker : takeNode();
        try {
          if (alive(proc)) {
            const exited = new Promise((r) => proc.child!.once('exit', r));
            proc.child!.kill('SIGKILL');
            await exited;
          }
          await sleep(down);
          launch(proc);
          if (proc.port) await ready(proc);
        } finally {
          underFault.delete(proc);
        }
        return;
      }
      case 'pause-api': {
        const node = takeNode();
        try {
          node.child!.kill('SIGSTOP');
          await sleep(8000 + chaos() * 7000);
          node.child!.kill('SIGCONT');
        } finally {
          underFault.delete(node);
        }
        return;
      }
      case 'redis':
      case 'rabbitmq':
      case 'database': {
        const name = kind === 'database' ? 'mongo' : kind;
        services(root, 'stop', name);
        await sleep(down);
        services(root, 'start', name);
        return;
      }
      case 'cut-redis':
        return system.toRedis.cut(down);
      case 'cut-database':
        return system.toMongo.cut(down);
    }
  };
}
