/**
 * The HTTP edge, warm: server CPU per REST send (POST a message to a direct conversation) and per history page at
 * random positions in it, from /proc, with the server's own CPU profile summarised when BENCH_PROFILE_DIR is set
 * (the share of each package, the functions with the most self time). Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/edge.ts [rounds] [requests]
 * BENCH_EDGE_ONLY=send or =page measures (and profiles) that operation alone after the warm-up.
 * Baseline, interleaved with each round: a plain `node:http` server in its own process that parses the same JSON
 * body and answers a send with the bytes Parley answered, and a page with a page's bytes (its CPU the same way), so
 * each figure also reads as a ratio on a machine whose speed varies from run to run.
 */
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { child, cpuMicros, fmt, freePort, out, root, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 5);
const requests = Number(process.argv[3] ?? 2000);
const CONCURRENCY = 16;

const { proc, post, register, url } = await startParley('edge', { RUN_JOBS: 'false' });
const [ann, bob] = await register(2);
const dm = await post('/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken);
const auth = { authorization: `Bearer ${bob.accessToken}` };
let sent = 0;

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

/** Runs `requests` of the operation with CONCURRENCY in flight; CPU per request of the server `pid`, µs. */
async function measure(operation: (i: number) => Promise<void>, pid = proc.pid!): Promise<number> {
  const before = cpuMicros(pid);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) await operation(i);
    }),
  );
  return (cpuMicros(pid) - before) / requests;
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
const sample = (await (
  await fetch(`${url}/api/v1/conversations/${dm.id}/messages`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ content: `message ${'x'.repeat(100)}` }),
  })
).text()) as string;
const samplePage = await (
  await fetch(`${url}/api/v1/conversations/${dm.id}/messages?limit=50&before=${sent}`, { headers: auth })
).text();
const bodyFile = `/tmp/parley-edge-bodies-${process.pid}.json`;
writeFileSync(bodyFile, JSON.stringify({ sent: sample, page: samplePage }));
const rawPort = await freePort();
const raw = await child(['-e', RAW_SERVER], { PORT: String(rawPort), BODY_FILE: bodyFile }, 'raw ready');
const rawUrl = `http://127.0.0.1:${rawPort}`;
const rawSend = async () => {
  const i = sent;
  const r = await fetch(rawUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ann.accessToken}` },
    body: JSON.stringify({ content: `message ${i} ${'x'.repeat(100)}`, clientMessageId: `e${i}` }),
  });
  await r.arrayBuffer();
};
const rawPage = async () => {
  const r = await fetch(`${rawUrl}/?limit=50&before=${2 + Math.floor(Math.random() * sent)}`, { headers: auth });
  await r.arrayBuffer();
};
await measure(rawSend, raw.pid!);
await measure(rawPage, raw.pid!);

const only = process.env.BENCH_EDGE_ONLY;
type Figures = { parley: number[]; raw: number[]; ratio: number[] };
const results = {
  send: { parley: [], raw: [], ratio: [] } as Figures,
  page: { parley: [], raw: [], ratio: [] } as Figures,
};
const round = async (figures: Figures, operation: () => Promise<void>, baseline: () => Promise<void>) => {
  const parleyMicros = await measure(operation);
  const rawMicros = await measure(baseline, raw.pid!);
  figures.parley.push(parleyMicros);
  figures.raw.push(rawMicros);
  figures.ratio.push(parleyMicros / Math.max(rawMicros, 1));
};
for (let r = 0; r < rounds; r += 1) {
  if (only !== 'page') await round(results.send, send, rawSend);
  if (only !== 'send') await round(results.page, page, rawPage);
}
const line = (f: Figures) =>
  `${fmt(stats(f.parley))} µs; raw node:http ${fmt(stats(f.raw))} µs; ratio ${fmt(stats(f.ratio), 1)}`;
out(`edge bench: ${rounds} rounds x ${requests} requests, concurrency ${CONCURRENCY}, warm, interleaved with raw`);
if (only !== 'page') out(`  server CPU per REST send: ${line(results.send)}`);
if (only !== 'send')
  out(`  server CPU per history page (50 messages, random position in ${sent}): ${line(results.page)}`);
raw.kill('SIGTERM');
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
