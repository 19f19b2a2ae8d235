/**
 * Durable sends on MongoDB/FerretDB, side by side with the raw driver on the same server, interleaved and
 * repeated in one run. Prints figures; asserts nothing.
 *   MONGO_URL=... node --import tsx --conditions=@parley/source scripts/bench/durable.ts [rounds] [sendsPerRun]
 *
 * Parley: the API as deployed (apps/api/dist/main.js in its own process, on MONGO_URL), and
 * POST /conversations/{id}/messages over HTTP from this process (keep-alive), every sender in its own
 * direct conversation, with a clientMessageId. Raw: the minimal equivalent durable send
 * with the official driver: one point read by _id (the membership check) + one insertOne into a
 * collection with a unique index (the idempotency key). History: GET a page of 50 vs the raw find of
 * the same 50 documents by (conversationId, seq).
 */
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { Pool } from 'undici';
import { createParley, type ImageProcessor } from '@parley/core';
import { withAccessCache } from '@parley/adapter-access-cache';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { connectMongo, createMongoStores, ensureIndexes, isFerretDb } from '@parley/adapter-mongodb';
import { startParley } from './support.js';

const url = process.env.MONGO_URL;
if (!url) {
  process.stdout.write('durable bench: not run, MONGO_URL is not set (eval "$(scripts/services.sh env)" first)\n');
  process.exit(0);
}
const rounds = Number(process.argv[2] ?? 3);
const perRun = Number(process.argv[3] ?? 1500);
// History reads scan the collection on FerretDB, so fewer of them keep the run short.
const historyPerRun = Math.min(perRun, 300);
const LEVELS = [16, 64];
const out = (line: string) => process.stdout.write(`${line}\n`);

type Stats = { median: number; min: number; max: number };
const stats = (xs: number[]): Stats => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
};
const fmt = (s: Stats, digits = 0) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}-${s.max.toFixed(digits)})`;

/** Latencies (ms) of the last drive() run. */
let latencies: number[] = [];

/** Runs `n` operations with `concurrency` workers; returns operations per second. */
async function drive(
  concurrency: number,
  n: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await op(w, i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return n / ((performance.now() - started) / 1000);
}
const percentile = (p: number) => [...latencies].sort((a, b) => a - b)[Math.floor((latencies.length - 1) * p)]!;

// ---- Parley over HTTP on MONGO_URL
const dbName = `parley_bench_${randomUUID().slice(0, 8)}`;
const mongoUrl = url.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`);
const api = await startParley('durable', { MONGO_URL: mongoUrl, RUN_JOBS: process.env.BENCH_RUN_JOBS ?? 'false' });
// Each request from its own address: registration is limited per IP.
let forwarded = 1;
const call = async (method: string, path: string, body?: unknown, token?: string) => {
  const res = await fetch(`${api.url}/api/v1${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.0.${(forwarded >> 8) & 255}.${forwarded++ & 255}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const hub = await call('POST', '/auth/register', {
  email: 'hub@b.c',
  username: 'hub',
  password: 'correct horse battery',
});
const senders: { token: string; dm: string; userId: string }[] = [];
for (let i = 0; i < Math.max(...LEVELS); i += 1) {
  const u = await call('POST', '/auth/register', {
    email: `s${i}@b.c`,
    username: `sender${i}`,
    password: 'correct horse battery',
  });
  const dm = await call('POST', '/conversations', { kind: 'direct', memberIds: [hub.user.id] }, u.accessToken);
  senders.push({ token: u.accessToken, dm: dm.id, userId: u.user.id });
}
// One busy group with every sender in it: the one-conversation mode (issue 23: a hot conversation).
const hot = await call(
  'POST',
  '/conversations',
  { kind: 'group', name: 'Hot', memberIds: [hub.user.id] },
  senders[0]!.token,
);
await call(
  'POST',
  `/conversations/${hot.id}/participants/bulk`,
  { userIds: senders.slice(1).map((s) => s.userId) },
  senders[0]!.token,
);
// The sends go through undici's Pool (keep-alive, what load generators such as autocannon use): it costs
// the client less CPU than fetch, and client and servers share this machine's 2 cores.
const pool = new Pool(api.url, { connections: Math.max(...LEVELS) });
let sent = 0;
const parleySend = (concurrency: number) =>
  drive(concurrency, perRun, async (w) => {
    const s = senders[w]!;
    const res = await pool.request({
      method: 'POST',
      path: `/api/v1/conversations/${s.dm}/messages`,
      body: JSON.stringify({ content: `message ${sent}`, clientMessageId: `b${sent++}` }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    });
    const text = await res.body.text();
    if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${text}`);
  });
/** Every sender into the one busy group. */
const parleyHotSend = (concurrency: number) =>
  drive(concurrency, perRun, async (w) => {
    const s = senders[w]!;
    const res = await pool.request({
      method: 'POST',
      path: `/api/v1/conversations/${hot.id}/messages`,
      body: JSON.stringify({ content: `message ${sent}`, clientMessageId: `h${sent++}` }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` },
    });
    const text = await res.body.text();
    if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${text}`);
  });
const parleyHistory = (concurrency: number) =>
  drive(concurrency, historyPerRun, async (w) => {
    await call('GET', `/conversations/${senders[w % 4]!.dm}/messages?limit=50`, undefined, hub.accessToken);
  });

// ---- The raw driver on the same server
// The same pool cap the adapter uses on FerretDB (see connectMongo), so both sides get as many connections.
const { client } = await connectMongo(url);
const raw: Db = client.db(`${dbName}_raw`);
await raw.collection('msgs').createIndex({ key: 1 }, { unique: true });
await raw.collection('msgs').createIndex({ conversationId: 1, seq: 1 });
await raw
  .collection('members')
  .insertMany(Array.from({ length: 64 }, (_, i) => ({ _id: `m${i}` as never, role: 'member' })));
let rawSeq = 0;
const rawSend = (concurrency: number) =>
  drive(concurrency, perRun, async (w) => {
    await raw.collection('members').findOne({ _id: `m${w}` as never });
    const seq = rawSeq++;
    await raw.collection('msgs').insertOne({
      key: `k${seq}`,
      conversationId: `c${w % 4}`,
      seq,
      senderId: `m${w}`,
      content: `message ${seq}`,
      createdAt: new Date(),
    });
  });
// One conversation, uniquely indexed by (conversationId, seq) as the log is: what the raw driver inserts per
// second into one busy conversation.
await raw.collection('hot').createIndex({ conversationId: 1, seq: 1 }, { unique: true });
await raw.collection('hot').createIndex({ key: 1 }, { unique: true });
let hotSeq = 0;
const rawHotSend = (concurrency: number) =>
  drive(concurrency, perRun, async (w) => {
    await raw.collection('members').findOne({ _id: `m${w}` as never });
    const seq = hotSeq++;
    await raw.collection('hot').insertOne({
      key: `h${seq}`,
      conversationId: 'hot',
      seq,
      senderId: `m${w}`,
      content: `message ${seq}`,
      createdAt: new Date(),
    });
  });
const rawHistory = (concurrency: number) =>
  drive(concurrency, historyPerRun, async (w) => {
    await raw
      .collection('msgs')
      .find({ conversationId: `c${w % 4}` })
      .sort({ seq: -1 })
      .limit(50)
      .toArray();
  });

// ---- Database round trips per send, counted through the driver's command monitor on the core
async function roundTrips(): Promise<{
  acked: Record<string, number>;
  after: Record<string, number>;
  sends: number;
  checkpoints: number;
}> {
  const monitored = await new MongoClient(url!, { monitorCommands: true }).connect();
  const ferretdb = isFerretDb(await monitored.db('admin').command({ buildInfo: 1 }));
  const db = monitored.db(`${dbName}_trips`);
  await ensureIndexes(db);
  const ports = {
    ...createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: {} as ImageProcessor }),
    ...createMongoStores(db, { serializeWrites: ferretdb }),
  };
  // The app's timer, as the API has it: the outbox checkpoint is written by it, not before sends.
  const every = (ms: number, run: () => void) => {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  };
  const core = createParley(withAccessCache(ports, { every }), { sendRate: null }, { followUps: { every } });
  const a = await core.identity.registerUser.execute({
    email: 'a@b.c',
    username: 'aaa',
    password: 'correct horse battery',
  });
  const b = await core.identity.registerUser.execute({
    email: 'b@b.c',
    username: 'bbb',
    password: 'correct horse battery',
  });
  if (!a.ok || !b.ok) throw new Error('setup');
  const dm = await core.conversations.createConversation.execute({
    actorId: a.value.user.id,
    kind: 'direct',
    memberIds: [b.value.user.id],
  });
  if (!dm.ok) throw new Error('setup');
  const send = (i: number) =>
    core.messaging.sendMessage.execute({
      actorId: a.value.user.id,
      conversationId: dm.value.conversation.id,
      content: `m${i}`,
      clientMessageId: `t${i}`,
    });
  await send(-1); // warm: the access cache, the sequencer head, the first checkpoint
  await core.followUps.settle();
  const acked: Record<string, number> = {};
  const after: Record<string, number> = {};
  let phase = acked;
  let checkpoints = 0;
  // The outbox checkpoint is written once a second by the app's timer, not per send: counted apart.
  monitored.on('commandStarted', (e) => {
    if (e.databaseName !== db.databaseName) return;
    if (e.command[e.commandName] === 'outbox_checkpoints') checkpoints += 1;
    else phase[e.commandName] = (phase[e.commandName] ?? 0) + 1;
  });
  const n = 50;
  for (let i = 0; i < n; i += 1) {
    phase = acked;
    await send(i);
    phase = after;
    await core.followUps.settle();
  }
  await core.close();
  await db.dropDatabase();
  await monitored.close();
  return { acked, after, sends: n, checkpoints };
}

if (process.env.BENCH_ONLY_TRIPS) {
  const t = await roundTrips();
  out(JSON.stringify(t));
  process.exit(0);
}
out(`durable bench: ${rounds} rounds x ${perRun} operations per run, concurrency ${LEVELS.join(' and ')}, ${url}`);
const trips = await roundTrips();
const per = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${(v / trips.sends).toFixed(2)}`)
    .join(', ') || 'none';
out(
  `round trips per send (sequential, warm, each send's follow-ups settled before the next): before the ack: ` +
    `${per(trips.acked)}; ` +
    `after it (follow-ups): ${per(trips.after)}; outbox checkpoint writes in the meantime: ${trips.checkpoints}`,
);

/** The server's own count of commands by name (MongoDB and FerretDB both keep serverStatus metrics.commands). */
const COUNTED = ['insert', 'update', 'find', 'findAndModify', 'delete', 'aggregate', 'getMore'];
const serverCommands = async (): Promise<Record<string, number>> => {
  const status = await client.db('admin').command({ serverStatus: 1 });
  const commands = (status.metrics?.commands ?? {}) as Record<string, { total?: unknown }>;
  return Object.fromEntries(COUNTED.map((name) => [name, Number(commands[name]?.total ?? 0)]));
};
const underLoad: Record<number, { commands: Record<string, number>; sends: number }> = {};

const results: Record<string, number[]> = {};
const push = (k: string, v: number) => {
  (results[k] ??= []).push(v);
};
for (let round = 0; round < rounds; round += 1) {
  for (const c of LEVELS) {
    // Alternate which goes first, so drift on a shared machine hits both sides alike.
    const order = round % 2 === 0 ? ['raw', 'parley'] : ['parley', 'raw'];
    let r = 0;
    let p = 0;
    for (const side of order) {
      if (side === 'raw') r = await rawSend(c);
      else {
        const before = await serverCommands();
        p = await parleySend(c);
        const after = await serverCommands();
        const seen = (underLoad[c] ??= { commands: {}, sends: 0 });
        seen.sends += perRun;
        for (const name of COUNTED) seen.commands[name] = (seen.commands[name] ?? 0) + after[name]! - before[name]!;
        push(`p50 ${c}`, percentile(0.5));
        push(`p99 ${c}`, percentile(0.99));
      }
    }
    push(`send raw ${c}`, r);
    push(`send parley ${c}`, p);
    push(`send ratio ${c}`, p / r);
    // One busy conversation, alternating sides the same way.
    let hr = 0;
    let hp = 0;
    for (const side of order) {
      if (side === 'raw') hr = await rawHotSend(c);
      else hp = await parleyHotSend(c);
    }
    push(`hot raw ${c}`, hr);
    push(`hot parley ${c}`, hp);
    push(`hot ratio ${c}`, hp / hr);
  }
  const hr = await rawHistory(16);
  const hp = await parleyHistory(16);
  push('history raw', hr);
  push('history parley', hp);
  push('history ratio', hp / hr);
}
for (const c of LEVELS) {
  out(
    `sends/s at concurrency ${c}: parley ${fmt(stats(results[`send parley ${c}`]!))}, raw driver ` +
      `${fmt(stats(results[`send raw ${c}`]!))}, ratio ${fmt(stats(results[`send ratio ${c}`]!), 2)}; ` +
      `parley latency p50 ${fmt(stats(results[`p50 ${c}`]!), 1)} ms, p99 ${fmt(stats(results[`p99 ${c}`]!), 1)} ms`,
  );
}
for (const c of LEVELS) {
  out(
    `one busy conversation, sends/s at concurrency ${c}: parley ${fmt(stats(results[`hot parley ${c}`]!))}, raw ` +
      `driver into one (conversationId, seq)-indexed conversation ${fmt(stats(results[`hot raw ${c}`]!))}, ratio ` +
      `${fmt(stats(results[`hot ratio ${c}`]!), 2)}`,
  );
}
for (const c of LEVELS) {
  const { commands, sends } = underLoad[c]!;
  out(
    `round trips per send under load at concurrency ${c} (the server's command counters over the Parley runs): ` +
      (Object.entries(commands)
        .filter(([, n]) => n > 0)
        .map(([name, n]) => `${name} ${(n / sends).toFixed(2)}`)
        .join(', ') || 'none'),
  );
}
out(
  `history pages of 50, req/s at concurrency 16: parley ${fmt(stats(results['history parley']!))}, raw find ` +
    `${fmt(stats(results['history raw']!))}, ratio ${fmt(stats(results['history ratio']!), 2)}`,
);
out('(median (min-max) over the rounds; Dendrite v0.13.8 on this machine did 49-110 durable sends/s)');

await pool.close();
api.proc.kill();
await once(api.proc, 'exit');
await client.db(dbName).dropDatabase();
await raw.dropDatabase();
await client.close();
