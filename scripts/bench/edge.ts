/**
 * The HTTP edge, warm: server CPU per REST send (POST a message to a direct conversation) and per history page at
 * random positions in it, from /proc, with the server's own CPU profile summarised when BENCH_PROFILE_DIR is set
 * (the share of each package, the functions with the most self time). Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/edge.ts [rounds] [requests]
 */
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpuMicros, fmt, out, root, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 5);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 16;

const { proc, post, register, url } = await startParley('edge', { RUN_JOBS: 'false' });
const [ann, bob] = await register(2);
const dm = await post('/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken);
const auth = { authorization: `Bearer ${bob.accessToken}` };
let sent = 0;

/** Runs `requests` of the operation with CONCURRENCY in flight; server CPU per request, µs. */
async function measure(operation: (i: number) => Promise<void>): Promise<number> {
  const before = cpuMicros(proc.pid!);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) await operation(i);
    }),
  );
  return (cpuMicros(proc.pid!) - before) / requests;
}

const send = async () => {
  const i = sent++;
  await post(
    `/conversations/${dm.id}/messages`,
    { content: `message ${i} ${'x'.repeat(100)}`, clientMessageId: `e${i}` },
    ann.accessToken,
  );
};
const page = async () => {
  const before = 2 + Math.floor(Math.random() * Math.max(1, sent));
  const r = await fetch(`${url}/api/v1/conversations/${dm.id}/messages?limit=50&before=${before}`, { headers: auth });
  if (r.status !== 200) throw new Error(`history: ${r.status}`);
  await r.arrayBuffer();
};

await measure(send); // warm, and at least `requests` messages to page through
await measure(page);
const results = { send: [] as number[], page: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  results.send.push(await measure(send));
  results.page.push(await measure(page));
}
out(`edge bench: ${rounds} rounds x ${requests} requests, concurrency ${CONCURRENCY}, warm`);
out(`  server CPU per REST send: ${fmt(stats(results.send))} µs`);
out(`  server CPU per history page (50 messages, random position in ${sent}): ${fmt(stats(results.page))} µs`);
proc.kill('SIGTERM');
await new Promise((r) => proc.once('exit', r));
const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .at(-1);
  if (newest)
    out(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', `${root}/scripts/bench/profile-summary.ts`, `${dir}/${newest}`, '30'],
        {
          encoding: 'utf8',
        },
      ),
    );
}
process.exit(0);
