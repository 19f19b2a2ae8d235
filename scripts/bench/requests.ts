/**
 * Server CPU per REST request, operation by operation, side by side with a minimal `node:http` server
 * answering the same bytes, interleaved and repeated in one run. Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/requests.ts [rounds] [requests]
 *
 * Parley: the embedded server in a child process; a channel of 6,000 messages from its owner and one
 * member who has read none of them (the shape that once cost 2.4-3.0 ms per view: unread counts walked the
 * gap). Each operation is asked `requests` times, 16 in flight, by the member or the owner; its server CPU
 * (from /proc) is divided by the requests. Raw: a child process answering every request with the bytes
 * Parley answered for that operation, so the ratio is what Parley's work costs over HTTP's own.
 */
import { writeFileSync } from 'node:fs';
import { child, cpuMicros, fmt, freePort, out, startParley, stats } from './support.js';

const rounds = Number(process.argv[2] ?? 3);
const requests = Number(process.argv[3] ?? 1000);
const CONCURRENCY = 16;
const BACKLOG = 6000;

const RAW_SERVER = `
const http = require('node:http'); const fs = require('node:fs');
const bodies = JSON.parse(fs.readFileSync(process.env.BODIES_FILE, 'utf8'));
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = Buffer.from(bodies[req.headers['x-operation']] ?? '{}');
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('raw ready'));`;

const parley = await startParley('requests', { RUN_JOBS: 'false' });
process.on('exit', () => parley.proc.kill()); // also when the bench fails half-way
const [owner, reader] = await parley.register(2);
const channel = await parley.post(
  '/conversations',
  { kind: 'channel', name: 'Backlog', memberIds: [reader.user.id] },
  owner.accessToken,
);
for (let i = 0; i < BACKLOG; i += CONCURRENCY)
  await Promise.all(
    Array.from({ length: CONCURRENCY }, (_, k) =>
      parley.post(`/conversations/${channel.id}/messages`, { content: `news ${i + k}` }, owner.accessToken),
    ),
  );

interface Operation {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: (i: number) => unknown;
}
const operations: Record<string, Operation> = {
  'GET /health': { method: 'GET', path: '/health', token: '' },
  'GET own profile': { method: 'GET', path: `/api/v1/users/${reader.user.id}`, token: reader.accessToken },
  'GET a channel (member 6,000 behind)': {
    method: 'GET',
    path: `/api/v1/conversations/${channel.id}`,
    token: reader.accessToken,
  },
  'GET a channel (its owner)': { method: 'GET', path: `/api/v1/conversations/${channel.id}`, token: owner.accessToken },
  'GET /conversations (member 6,000 behind)': {
    method: 'GET',
    path: '/api/v1/conversations',
    token: reader.accessToken,
  },
  'GET 50 messages': {
    method: 'GET',
    path: `/api/v1/conversations/${channel.id}/messages?limit=50`,
    token: reader.accessToken,
  },
  'GET participants (owner)': {
    method: 'GET',
    path: `/api/v1/conversations/${channel.id}/participants`,
    token: owner.accessToken,
  },
  'POST a message': {
    method: 'POST',
    path: `/api/v1/conversations/${channel.id}/messages`,
    token: owner.accessToken,
    body: (i) => ({ content: 'x'.repeat(280), clientMessageId: `r${i}-${Date.now()}` }),
  },
};

const ask = async (base: string, name: string, op: Operation, i: number) => {
  const r = await fetch(`${base}${op.path}`, {
    method: op.method,
    headers: {
      'x-operation': name,
      ...(op.token ? { authorization: `Bearer ${op.token}` } : {}),
      ...(op.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(op.body ? { body: JSON.stringify(op.body(i)) } : {}),
  });
  const text = await r.text();
  if (r.status >= 300) throw new Error(`${name}: ${r.status} ${text}`);
  return text;
};

const bodies: Record<string, string> = {};
for (const [name, op] of Object.entries(operations)) bodies[name] = await ask(parley.url, name, op, -1);
const bodiesFile = `/tmp/parley-requests-bodies-${parley.port}.json`;
writeFileSync(bodiesFile, JSON.stringify(bodies));
const rawPort = await freePort();
const raw = await child(['-e', RAW_SERVER], { PORT: String(rawPort), BODIES_FILE: bodiesFile }, 'raw ready');
const targets = {
  parley: { base: parley.url, pid: parley.proc.pid! },
  raw: { base: `http://127.0.0.1:${rawPort}`, pid: raw.pid! },
};

/** Server CPU per request, µs. */
async function drive(side: keyof typeof targets, name: string, op: Operation): Promise<number> {
  const { base, pid } = targets[side];
  const before = cpuMicros(pid);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < requests; i = next++) await ask(base, name, op, i);
    }),
  );
  return (cpuMicros(pid) - before) / requests;
}

out(`requests bench: ${rounds} rounds x ${requests} requests per operation and side, concurrency ${CONCURRENCY}`);
out('server CPU per request, µs (median (min-max) over the rounds): Parley | raw server, same bytes | ratio');
for (const [name, op] of Object.entries(operations)) {
  await drive('parley', name, op); // warm
  await drive('raw', name, op);
  const got = { parley: [] as number[], raw: [] as number[], ratio: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? (['raw', 'parley'] as const) : (['parley', 'raw'] as const);
    const r: Record<string, number> = {};
    for (const side of order) r[side] = await drive(side, name, op);
    got.parley.push(r.parley!);
    got.raw.push(r.raw!);
    got.ratio.push(r.parley! / r.raw!);
  }
  out(
    `  ${name} (${Buffer.byteLength(bodies[name]!)} bytes): ${fmt(stats(got.parley))} | ${fmt(stats(got.raw))} | ` +
      `${fmt(stats(got.ratio), 1)}`,
  );
}
for (const proc of [parley.proc, raw]) proc.kill();
process.exit(0);
