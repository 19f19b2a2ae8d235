/**
 * The soak: two API nodes and a worker on the real services (system.ts), simulated people sending, editing,
 * deleting, reacting, reading, dropping their sockets and coming back, in several conversations, one of them busy
 * (people.ts), while a nemesis on a seeded schedule (nemesis.ts: every kind in turn, in shuffled rounds, two at once
 * on different targets) kill -9s an API node or the worker, pauses an API node (SIGSTOP, past the leases), restarts
 * Redis, RabbitMQ or the database, and cuts node B off from Redis or the database (faults.ts).
 * Then everything is healed, the people finish what they were doing, and the history checker (checker.ts) proves
 * what was acknowledged against what the system holds, and the nodes' logs are searched for internal errors (a 500
 * or an `internal_error` answer). Prints the figures and the seed; exits 1 on any violation or internal error.
 *   eval "$(bash scripts/services.sh env)"; npm run soak
 * (SOAK_SECONDS=180, SOAK_SEED, SOAK_PEOPLE=60, SOAK_FAULT_EVERY_MS=4000 per lane, SOAK_LANES=2, SOAK_FAULTS=kinds)
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkHistory, formatReport, violations, type Truth } from './checker.js';
import { internalErrorsOf, jobRecordOf, readConversation, readViews, type Get } from './readback.js';
import { sleep } from '../../apps/api/src/fault-kit.js';
import { FAULT_KINDS, FAULT_TARGET, runNemesis } from './nemesis.js';
import { faultInjector, services } from './faults.js';
import { Crowd } from './people.js';
import { generator } from './seeded.js';
import { startSystem } from './system.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
for (const name of ['MONGO_URL', 'REDIS_URL', 'AMQP_URL'])
  if (!process.env[name]) throw new Error(`${name} is required: eval "$(bash scripts/services.sh env)"`);
const root = fileURLToPath(new URL('../..', import.meta.url));
const SECONDS = Number(process.env.SOAK_SECONDS ?? 180);
const PEOPLE = Number(process.env.SOAK_PEOPLE ?? 60);
const FAULT_EVERY_MS = Number(process.env.SOAK_FAULT_EVERY_MS ?? 4000);
/** Faults under way at once (on different targets: nemesis.ts). */
const LANES = Number(process.env.SOAK_LANES ?? 2);
const SEED = Number(process.env.SOAK_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** SOAK_FAULTS=cut-redis,redis narrows the nemesis to those kinds (to chase one fault). */
const KINDS = process.env.SOAK_FAULTS
  ? FAULT_KINDS.filter((k) => process.env.SOAK_FAULTS!.split(',').includes(k))
  : FAULT_KINDS;
const run = randomBytes(4).toString('hex');
const logs = `/tmp/parley-soak-${run}`;
mkdirSync(logs, { recursive: true });
out(
  `== soak ${run}: ${SECONDS}s, ${PEOPLE} people, ${LANES} lanes of faults, one every ~${FAULT_EVERY_MS} ms in ` +
    `each, seed ${SEED} (logs in ${logs})`,
);

const system = await startSystem({ run, logs, root, seconds: SECONDS, out });
const { nodes, worker, alive, launch, ready, note } = system;
// The people's choices on one seeded stream (their timing varies from run to run, so only their mix replays), the
// nemesis's schedule on its own: the same seed gives the same faults, in order, with the same lengths.
const crowd = new Crowd({ run, nodes, random: generator(SEED + 1), out });
const chaos = generator(SEED);
await crowd.gather(PEOPLE);
crowd.start();

const started = Date.now();
const faults = await runNemesis({
  kinds: KINDS,
  targetOf: (kind) => FAULT_TARGET[kind],
  capacityOf: (target) => (target === FAULT_TARGET['kill-api'] ? nodes.length : 1),
  seconds: SECONDS,
  everyMs: FAULT_EVERY_MS,
  lanes: LANES,
  random: chaos,
  inject: faultInjector(system, root, chaos),
  failed: (kind, e) => {
    note(`fault ${kind} failed: ${String(e)}`);
    out(`   fault ${kind} failed to inject: ${String(e)}`);
  },
});

// ---- heal, settle, check ----
out(`== healing after ${Math.round((Date.now() - started) / 1000)}s; faults ${JSON.stringify(faults)}`);
for (const name of ['redis', 'rabbitmq', 'mongo']) services(root, 'start', name);
// A process that stopped on its own, or a node still not ready two minutes after everything is back, did not
// recover by itself: that is a finding (it fails the run), and it is started again so the data can still be checked.
const unrecovered = system.exitedOnTheirOwn.map((line) => `${line}: see ${logs}/${line.split(' ')[0]}.log`);
for (const proc of [...nodes, worker])
  if (!alive(proc)) {
    out(`   ${proc.name} had stopped on its own (see ${logs}/${proc.name}.log): started again`);
    launch(proc);
  }
for (const node of nodes)
  await ready(node, 120).catch(async (error: unknown) => {
    unrecovered.push(`${node.name}: ${String(error)}`);
    note(`${node.name} did not recover: ${String(error)}; restarted`);
    if (alive(node)) {
      const exited = new Promise((r) => node.child!.once('exit', r));
      node.child!.kill('SIGKILL');
      await exited;
    }
    launch(node);
    await ready(node, 120);
  });
await crowd.stop();
await sleep(5000); // the last events on their way
// Each person catches up every conversation (the same resume a reconnecting client does), then the truth is read.
const { people, counts } = crowd;
for (const p of people) crowd.connect(p);
const reader = new Map<string, string>();
for (const p of people) for (const cid of p.conversations) if (!reader.has(cid)) reader.set(cid, p.token);
const truth: Truth = { conversations: {} };
const get: Get = (path, token) => crowd.must('GET', path, undefined, token, true);
for (const [cid, token] of reader) truth.conversations[cid] = await readConversation(get, cid, token);
// Every person's socket catches up to each conversation's head (a minute at most) before the check.
for (const end = Date.now() + 60_000; Date.now() < end; await sleep(500)) {
  const behind = people.some((p) =>
    p.conversations.some((cid) => (p.seen[cid]?.at(-1) ?? 0) < truth.conversations[cid]!.events.length),
  );
  if (!behind) break;
}
crowd.closeSockets();
// What each person's conversation list says at the end (read marks and unread counts), for the checker.
for (const p of people) p.views = await readViews(get, p.token, p.conversations);
/** What the worker's log says of the notification jobs (every process it ran as, one file). */
const jobRecord = () => jobRecordOf(readFileSync(`${logs}/worker.log`, 'utf8'));
// Jobs that failed during the faults run again after their retry delay or the outbox relay's period, and what the
// worker had no time for during the faults (restarted every half minute, its database cut and restarted) is worked
// off now: the check waits while jobs keep landing, until none has for two minutes (ten minutes at most).
let jobs = jobRecord();
const owed = () => people.reduce((n, p) => n + p.acks.filter((a) => !jobs.notifyRuns[a.id]?.includes('ack')).length, 0);
const owedAtHeal = owed();
let left = owedAtHeal;
const drainStarted = Date.now();
for (let progressAt = Date.now(); left > 0 && Date.now() - progressAt < 120_000; await sleep(2000)) {
  if (Date.now() - drainStarted > 600_000) break;
  jobs = jobRecord();
  const now = owed();
  if (now < left) [left, progressAt] = [now, Date.now()];
}
out(
  `== notification jobs: ${owedAtHeal} of ${counts.acked} not yet run when the people were done; ${left} left after ` +
    `${Math.round((Date.now() - drainStarted) / 1000)}s`,
);
const report = checkHistory(people, truth, jobs);
out(
  `== soak ${run}: ${counts.operations} operations (${counts.sends} sends, ${counts.acked} acknowledged, ` +
    `${counts.socketSends} of them over a socket, ${counts.retries} retries, ${counts.edits} edits, ` +
    `${counts.deletes} deletes, ${counts.reactions} reactions, ${counts.reads} reads, ` +
    `${counts.reconnects} reconnects, ${counts.dropped} sockets lost and opened again); ` +
    `faults injected ${JSON.stringify(faults)}; live events that came ahead of an earlier one (put in order by ` +
    `the client): ${crowd.outOfOrderLive}`,
);
out(`== checker: ${formatReport(report)}`);
out(
  `== seed ${SEED} (replay: SOAK_SEED=${SEED} SOAK_SECONDS=${SECONDS} SOAK_PEOPLE=${PEOPLE} ` +
    `SOAK_FAULT_EVERY_MS=${FAULT_EVERY_MS} SOAK_LANES=${LANES} npm run soak)`,
);
for (const line of unrecovered) out(`== NOT RECOVERED without a restart: ${line}`);
// Faults make 503s and `*_unavailable` answers, which clients retry; a 500 or an `internal_error` is a bug whatever
// the faults (the nodes log each one).
const internal = nodes.flatMap((node) => internalErrorsOf(readFileSync(`${logs}/${node.name}.log`, 'utf8')));
out(`== internal errors (500, internal_error) in the nodes' logs: ${internal.length}`);
for (const line of internal.slice(0, 10)) out(`   ${line}`);
await system.cleanUp();
process.exit(violations(report) > 0 || unrecovered.length > 0 || internal.length > 0 ? 1 : 0);
