/**
 * Two API nodes against one: realtime fan-out through Redis, on the real shared servers, interleaved and
 * repeated in one run. Prints figures; asserts nothing.
 *   eval "$(bash scripts/services.sh env)"
 *   node --import tsx --conditions=@parley/source scripts/bench/nodes.ts [rounds] [messages]
 *
 * Both set-ups use MongoDB (MONGO_URL, a fresh database) and Redis (REDIS_URL, a fresh prefix); jobs are
 * off (RUN_JOBS=false). One channel of BENCH_SOCKETS members (1,000), each with a socket; its owner posts
 * `messages` messages, 16 in flight. One node: every socket and every POST on node A. Two nodes: the
 * sockets split half and half, the POSTs through node A (fan-out capacity), or alternating between A and
 * B (both nodes also sequence writes into the one conversation); each event reaches the other node
 * through Redis. deliveries/s = sockets x messages / (first send to last delivery); API CPU per delivery
 * is the nodes' CPU time (from /proc) over the same span.
 * Everything (both nodes, the clients, Redis, FerretDB and PostgreSQL) shares this machine's cores.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { cpuMicros, fmt, out, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const messages = Number(process.argv[3] ?? 100);
const sockets = Number(process.env.BENCH_SOCKETS ?? 1000);
const CONCURRENCY = 16;
if (!process.env.MONGO_URL || !process.env.REDIS_URL) {
  out('nodes bench: not run, MONGO_URL and REDIS_URL are not set (eval "$(bash scripts/services.sh env)" first)');
  process.exit(0);
}
const run = `bench_nodes_${Date.now()}`;
const shared = {
  RUN_JOBS: 'false',
  MONGO_URL: process.env.MONGO_URL.replace(/\/[^/?]*(\?|$)/, `/${run}$1`),
  REDIS_URL: process.env.REDIS_URL,
  REDIS_PREFIX: `${run}:`,
  JWT_SECRET: 'bench-nodes-secret-'.padEnd(48, 'x'),
  BLOB_URL_SECRET: 'bench-nodes-blob-'.padEnd(48, 'x'),
};
const a = await startParley('nodesa', shared);
const b = await startParley('nodesb', shared);
const [owner, ...members] = await a.register(sockets);
const channel = await a.post(
  '/conversations',
  { kind: 'channel', name: 'Two nodes', memberIds: members.map((m) => m.user.id) },
  owner.accessToken,
);
const tokens = [owner, ...members].map((u) => u.accessToken as string);

const serverCpu = () => cpuMicros(a.proc.pid!) + cpuMicros(b.proc.pid!);
let lastCpuPerDelivery = 0;

let delivered = 0;
async function open(ports: number[]): Promise<WebSocket[]> {
  const opened: WebSocket[] = [];
  for (let i = 0; i < tokens.length; i += 50) {
    opened.push(
      ...(await Promise.all(
        tokens.slice(i, i + 50).map(
          (token, k) =>
            new Promise<WebSocket>((resolve, reject) => {
              const ws = new WebSocket(`ws://127.0.0.1:${ports[(i + k) % ports.length]}/ws`, {
                headers: { authorization: `Bearer ${token}` },
                perMessageDeflate: false,
              });
              ws.on('error', reject);
              ws.on('message', (data) => {
                const text = String(data);
                if (text.startsWith('{"type":"ready"')) resolve(ws);
                else if (text.includes('"payload":{"type":"message.created"')) delivered += 1;
              });
            }),
        ),
      )),
    );
  }
  await new Promise((r) => setTimeout(r, 500)); // subscriptions settle (Redis SUBSCRIBE round trips)
  return opened;
}

async function fanOut(ports: number[], urls: string[]): Promise<number> {
  const opened = await open(ports);
  delivered = 0;
  const expected = opened.length * messages;
  const cpuBefore = serverCpu();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < messages; i = next++) {
        const r = await fetch(`${urls[i % urls.length]}/api/v1/conversations/${channel.id}/messages`, {
          method: 'POST',
          body: JSON.stringify({ content: `fan-out ${i} ${'x'.repeat(200)}` }),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
        });
        if (r.status !== 201) throw new Error(`send: ${r.status} ${await r.text()}`);
      }
    }),
  );
  const deadline = Date.now() + 120_000;
  // A timer, not a spin: the clients' CPU is the servers' too.
  while (delivered < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - started) / 1000;
  lastCpuPerDelivery = (serverCpu() - cpuBefore) / delivered;
  if (delivered < expected) out(`  warning: ${delivered} of ${expected} deliveries arrived`);
  for (const ws of opened) ws.terminate();
  await new Promise((r) => setTimeout(r, 1000));
  return delivered / seconds;
}

const sides = {
  one: () => fanOut([a.port], [a.url]),
  two: () => fanOut([a.port, b.port], [a.url]),
  twoMixed: () => fanOut([a.port, b.port], [a.url, b.url]),
};
type Side = keyof typeof sides;
const order: Side[][] = [
  ['one', 'two', 'twoMixed'],
  ['twoMixed', 'one', 'two'],
  ['two', 'twoMixed', 'one'],
];
const rate = { one: [] as number[], two: [] as number[], twoMixed: [] as number[] };
const cpu = { one: [] as number[], two: [] as number[], twoMixed: [] as number[] };
const ratio = { two: [] as number[], twoMixed: [] as number[] };
for (let round = 0; round < rounds; round += 1) {
  for (const side of order[round % order.length]!) {
    rate[side].push(await sides[side]());
    cpu[side].push(lastCpuPerDelivery);
  }
  ratio.two.push(rate.two.at(-1)! / rate.one.at(-1)!);
  ratio.twoMixed.push(rate.twoMixed.at(-1)! / rate.one.at(-1)!);
}
out(`nodes bench: ${rounds} rounds x ${messages} messages to a channel of ${sockets} sockets, MongoDB + Redis`);
out(
  `machine: ${(await import('node:os')).cpus().length} cores, shared by both nodes, the clients, Redis, FerretDB and ` +
    `PostgreSQL`,
);
out(`one node: ${fmt(stats(rate.one))} deliveries/s, ${fmt(stats(cpu.one), 1)} µs of API CPU per delivery`);
out(
  `two nodes, sends through node A: ${fmt(stats(rate.two))} deliveries/s (ratio to one node ` +
    `${fmt(stats(ratio.two), 2)}), ${fmt(stats(cpu.two), 1)} µs of API CPU per delivery`,
);
out(
  `two nodes, sends alternating A/B into the one channel: ${fmt(stats(rate.twoMixed))} deliveries/s (ratio ` +
    `${fmt(stats(ratio.twoMixed), 2)}), ${fmt(stats(cpu.twoMixed), 1)} µs per delivery`,
);
for (const proc of [a.proc, b.proc]) {
  proc.kill();
  await once(proc, 'exit');
}
process.exit(0);
