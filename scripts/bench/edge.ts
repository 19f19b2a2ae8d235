/**
 * The HTTP edge, warm: server CPU per REST send (POST a message to a direct conversation) and per history page at
 * random positions in it, from /proc, with the server's own CPU profile summarised when BENCH_PROFILE_DIR is set
 * (the share of each package, the functions with the most self time). Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/edge.ts [rounds] [requests]
 * BENCH_EDGE_ONLY=send or =page measures (and profiles) that operation alone after the warm-up.
 * Baseline, interleaved with each round: a plain `node:http` server in its own process that parses the same JSON
 * body and answers a send with the bytes Parley answered, and a page with a page's bytes (its CPU the same way), so
 * each figure also reads as a ratio on a machine whose speed varies from run to run.
 * BENCH_EDGE_BEFORE=<dir>: another built checkout of Parley (e.g. `git worktree add /tmp/before <commit>`, then
 * `npm ci && npx tsc -b` there), started beside this one with the same data and measured in the same rounds, so a
 * change is shown as a ratio of the two builds as well.
 * BENCH_LOG_LEVEL=info: the request log on, as `npm start` has it (the benchmarks' servers log errors only).
 * BENCH_EDGE_NODE_ARGS: flags for node when it starts this checkout's server only (e.g. `--max-semi-space-size=64`
 * with BENCH_EDGE_BEFORE=. to set the same build with and without them side by side).
 */
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { child, cpuMicros, fmt, freePort, out, root, startParley, stats } from './support.js';
import type { ChildProcess } from 'node:child_process';

const rounds = Number(process.argv[2] ?? 5);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 16;

const RAW_SERVER = `
const http = require('node:http'); const fs = require('node:fs');
const { sent, page } = JSON.parse(fs.readFileSync(process.env.BODY_FILE, 'utf8'));
const [sentBody, pageBody] = [Buffer.from(sent), Buffer.from(page)];
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c)).on('end', () => {
    if (req.method === 'POST') JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const body = req.method === 'POST' ? sentBody : pageBody;
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json; charset=utf-8',
      'content-length': body.length }).end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

/** One server measured: its process, and a send and a history page against it. */
interface Server {
  name: string;
  proc: ChildProcess;
  send: () => Promise<void>;
  page: () => Promise<void>;
}

/** Runs `requests` of the operation with CONCURRENCY in flight; CPU per request of the server `pid`, µs. */
async function measure(operation: () => Promise<void>, pid: number): Promise<number> {
  const before = cpuMicros(pid);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) await operation();
    }),
  );
  return (cpuMicros(pid) - before) / requests;
}

interface ParleyServer extends Server {
  url: string;
  /** The direct conversation sent to and paged through, and how many messages it has. */
  dm: string;
  sent: () => number;
  /** The sender's token, and the reader's header. */
  token: string;
  auth: Record<string, string>;
}

/** A Parley server with two people, a direct conversation between them, and its send and page. */
async function parleyServer(name: string, from = root, nodeArgs: string[] = []): Promise<ParleyServer> {
  const logLevel = process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {};
  const env = { RUN_JOBS: 'false', ...logLevel };
  const { proc, post, register, url } = await startParley(`edge${name}`, env, nodeArgs, from);
  const [ann, bob] = await register(2);
  const dm = await post('/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken);
  const auth = { authorization: `Bearer ${bob.accessToken}` };
  let sent = 0;
  return {
    name,
    proc,
    url,
    dm: dm.id as string,
    token: ann.accessToken,
    auth,
    sent: () => sent,
    send: async () => {
      const i = sent++;
      await post(
        `/conversations/${dm.id}/messages`,
        { content: `message ${i} ${'x'.repeat(100)}`, clientMessageId: `e${i}` },
        ann.accessToken,
      );
    },
    page: async () => {
      const before = 2 + Math.floor(Math.random() * Math.max(1, sent));
      const r = await fetch(`${url}/api/v1/conversations/${dm.id}/messages?limit=50&before=${before}`, {
        headers: auth,
      });
      if (r.status !== 200) throw new Error(`history: ${r.status}`);
      await r.arrayBuffer();
    },
  };
}

const parley = await parleyServer('', root, process.env.BENCH_EDGE_NODE_ARGS?.split(' ').filter(Boolean));
const servers: Server[] = [parley];
const beforeDir = process.env.BENCH_EDGE_BEFORE;
if (beforeDir) servers.push(await parleyServer('before', beforeDir));
for (const server of servers) {
  await measure(server.send, server.proc.pid!); // warm, and at least `requests` messages to page through
  await measure(server.page, server.proc.pid!);
}
// The bodies the raw server answers with: one send's answer and one page, as Parley wrote them.
const { url, dm, auth } = parley;
const sample = (await (
  await fetch(`${url}/api/v1/conversations/${dm}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${parley.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ content: `message ${'x'.repeat(100)}` }),
  })
).text()) as string;
const samplePage = await (
  await fetch(`${url}/api/v1/conversations/${dm}/messages?limit=50&before=${parley.sent()}`, { headers: auth })
).text();
const bodyFile = `/tmp/parley-edge-bodies-${process.pid}.json`;
writeFileSync(bodyFile, JSON.stringify({ sent: sample, page: samplePage }));
const rawPort = await freePort();
const rawProc = await child(['-e', RAW_SERVER], { PORT: String(rawPort), BODY_FILE: bodyFile }, 'raw ready');
const rawUrl = `http://127.0.0.1:${rawPort}`;
const raw: Server = {
  name: 'raw',
  proc: rawProc,
  send: async () => {
    const i = parley.sent();
    const r = await fetch(rawUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${parley.token}` },
      body: JSON.stringify({ content: `message ${i} ${'x'.repeat(100)}`, clientMessageId: `e${i}` }),
    });
    await r.arrayBuffer();
  },
  page: async () => {
    const r = await fetch(`${rawUrl}/?limit=50&before=${2 + Math.floor(Math.random() * parley.sent())}`, {
      headers: auth,
    });
    await r.arrayBuffer();
  },
};
servers.push(raw);
await measure(raw.send, rawProc.pid!);
await measure(raw.page, rawProc.pid!);

const only = process.env.BENCH_EDGE_ONLY;
type Operation = 'send' | 'page';
/** µs per request, by operation and server, one figure per round. */
const figures = new Map<string, number[]>();
const record = (key: string, value: number) => figures.set(key, [...(figures.get(key) ?? []), value]);
for (let r = 0; r < rounds; r += 1)
  for (const operation of ['send', 'page'] as Operation[]) {
    if (only && only !== operation) continue;
    const round = new Map<string, number>();
    // Each round in another order, so no server is always measured first or last.
    const order = r % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) round.set(server.name, await measure(server[operation], server.proc.pid!));
    for (const [name, micros] of round) {
      record(`${operation} ${name}`, micros);
      if (name !== 'raw') record(`${operation} ${name} ratio`, micros / Math.max(round.get('raw')!, 1));
    }
    if (beforeDir) record(`${operation} after/before`, round.get('')! / round.get('before')!);
  }
const line = (operation: Operation) => {
  const of = (key: string, digits = 0) => fmt(stats(figures.get(`${operation} ${key}`)!), digits);
  const before = beforeDir
    ? `; before ${of('before')} µs (${of('before ratio', 1)}x raw); after/before ${of('after/before', 2)}`
    : '';
  return `${of('')} µs (${of(' ratio', 1)}x raw); raw node:http ${of('raw')} µs${before}`;
};
out(`edge bench: ${rounds} rounds x ${requests} requests, concurrency ${CONCURRENCY}, warm, interleaved with raw`);
if (only !== 'page') out(`  server CPU per REST send: ${line('send')}`);
if (only !== 'send')
  out(`  server CPU per history page (50 messages, random position in ${parley.sent()}): ${line('page')}`);
for (const server of servers) server.proc.kill('SIGTERM');
await Promise.all(servers.map((server) => new Promise((r) => server.proc.once('exit', r))));
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
