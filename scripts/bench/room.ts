/**
 * One room, the workload a Matrix homeserver is compared on: two people in one conversation; phase A: 16
 * senders for 10 s; phase B: 2,000 latest-50 history pages at concurrency 8; phase C: 50 sends/s for 10 s with
 * the other person listening live over the socket. Three rounds, each phase after the other, into the same
 * (growing) conversation. Prints figures; asserts nothing.
 *   eval "$(bash scripts/services.sh env)" && node --import tsx --conditions=@parley/source scripts/bench/room.ts
 *
 * Parley runs as deployed: the API (apps/api/dist/main.js) on MONGO_URL, REDIS_URL and AMQP_URL, with a worker
 * (apps/worker/dist/main.js) taking the jobs. With BENCH_EMBEDDED=1 the same run goes to `npm start`'s defaults
 * (embedded adapters, jobs in the API process). The bar is Dendrite v0.13.8 (SQLite) on this machine with the
 * same harness (issue 23): sends 90-160/s, history 244-477 pages/s, live p50 14-16 ms; Parley must do 3x in every
 * round.
 */
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { Pool } from 'undici';
import { MongoClient } from 'mongodb';
import { RabbitJobQueue } from '@parley/adapter-rabbitmq';
import { connectRedis } from '@parley/adapter-redis';
import { child, fmt, out, profileArgs, startParley, stats } from './support.js';

const embedded = process.env.BENCH_EMBEDDED === '1';
const env = process.env;
if (!embedded && !(env.MONGO_URL && env.REDIS_URL && env.AMQP_URL)) {
  out('room bench: not run, MONGO_URL, REDIS_URL and AMQP_URL are not set (eval "$(bash scripts/services.sh env)")');
  process.exit(0);
}
const ROUNDS = Number(process.argv[2] ?? 3);
const SEND_SECONDS = Number(env.BENCH_SEND_SECONDS ?? 10);
const PAGES = Number(env.BENCH_PAGES ?? 2000);
const LIVE_RATE = 50;
const dbName = `parley_room_${randomUUID().slice(0, 8)}`;
const real = embedded
  ? {}
  : {
      MONGO_URL: env.MONGO_URL!.replace(/\/[^/?]*(\?|$)/, `/${dbName}$1`),
      REDIS_URL: env.REDIS_URL!,
      AMQP_URL: env.AMQP_URL!,
      REDIS_PREFIX: `${dbName}:`,
      AMQP_PREFIX: `${dbName}.`,
      RUN_JOBS: 'false',
    };
const api = await startParley('room', real);
const worker = embedded
  ? null
  : await child(
      [...profileArgs(), 'apps/worker/dist/main.js'],
      { ...real, LOG_LEVEL: 'error', DATA_DIR: `/tmp/parley-room-worker` },
      'Parley worker consuming',
    );
const [alice, bob] = await api.register(2);
const room = await api.post(
  '/conversations',
  { kind: 'group', name: 'Room', memberIds: [bob.user.id] },
  alice.accessToken,
);
const pool = new Pool(api.url, { connections: 16 });
let sent = 0;
const send = async (content = `message ${sent}`) => {
  const res = await pool.request({
    method: 'POST',
    path: `/api/v1/conversations/${room.id}/messages`,
    body: JSON.stringify({ content, clientMessageId: `r${sent++}` }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${alice.accessToken}` },
  });
  const text = await res.body.text();
  if (res.statusCode !== 201) throw new Error(`send: ${res.statusCode} ${text}`);
};

/** Phase A: 16 senders, as fast as each is answered, for SEND_SECONDS. */
async function phaseA(): Promise<number> {
  const until = performance.now() + SEND_SECONDS * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (performance.now() < until) {
        await send();
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/** Phase B: PAGES latest-50 pages, 8 at a time, read by the other person. */
async function phaseB(): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < PAGES) {
        const res = await pool.request({
          method: 'GET',
          path: `/api/v1/conversations/${room.id}/messages?limit=50`,
          headers: { authorization: `Bearer ${bob.accessToken}` },
        });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`history: ${res.statusCode} ${text}`);
      }
    }),
  );
  return PAGES / ((performance.now() - started) / 1000);
}

/** Phase C: LIVE_RATE sends a second for SEND_SECONDS; the latency until the other person's socket has each. */
async function phaseC(socket: WebSocket): Promise<{ p50: number; p99: number; lost: number }> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const onFrame = (data: WebSocket.RawData) => {
    for (const marker of String(data).match(/live-[0-9a-f-]+/g) ?? []) {
      const at = sentAt.get(marker);
      if (at !== undefined) {
        latencies.push(performance.now() - at);
        sentAt.delete(marker);
      }
    }
  };
  socket.on('message', onFrame);
  const total = LIVE_RATE * SEND_SECONDS;
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / LIVE_RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const marker = `live-${randomUUID()}`;
    sentAt.set(marker, performance.now());
    sends.push(send(marker));
  }
  await Promise.all(sends);
  const deadline = performance.now() + 5000;
  while (sentAt.size > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  socket.off('message', onFrame);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.floor((sorted.length - 1) * p)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), lost: sentAt.size };
}

const socket = new WebSocket(`ws://127.0.0.1:${api.port}/ws`, {
  headers: { authorization: `Bearer ${bob.accessToken}` },
});
await once(socket, 'open');
out(
  `room bench: ${embedded ? "npm start's defaults (embedded)" : 'FerretDB/MongoDB + Redis + RabbitMQ, API + worker'}` +
    ', ' +
    `${ROUNDS} rounds; A: 16 senders ${SEND_SECONDS} s; B: ${PAGES} pages of 50 at concurrency 8; ` +
    `C: ${LIVE_RATE} sends/s ${SEND_SECONDS} s, one listener`,
);
const figures = { sends: [] as number[], pages: [] as number[], p50: [] as number[], p99: [] as number[] };
for (let round = 1; round <= ROUNDS; round += 1) {
  const a = await phaseA();
  const b = await phaseB();
  const c = await phaseC(socket);
  figures.sends.push(a);
  figures.pages.push(b);
  figures.p50.push(c.p50);
  figures.p99.push(c.p99);
  out(
    `round ${round} (${sent} messages in the room): sends ${a.toFixed(1)}/s, history ${b.toFixed(1)} pages/s, ` +
      `live p50 ${c.p50.toFixed(1)} ms p99 ${c.p99.toFixed(1)} ms, not delivered in 5 s: ${c.lost}`,
  );
}
out(
  `over the rounds, median (min-max): sends ${fmt(stats(figures.sends), 1)}/s, ` +
    `history ${fmt(stats(figures.pages), 1)} ` +
    `pages/s, live p50 ${fmt(stats(figures.p50), 1)} ms, p99 ${fmt(stats(figures.p99), 1)} ms`,
);
const worst = { sends: Math.min(...figures.sends), pages: Math.min(...figures.pages) };
out(
  `against Dendrite v0.13.8 (SQLite, same workload, issue 23: sends 90-160/s, history 244-477 pages/s): the worst ` +
    `round is ${(worst.sends / 160).toFixed(2)}x its best sends and ` +
    `${(worst.pages / 477).toFixed(2)}x its best history ` +
    `(goal: 3x in every round)`,
);
socket.terminate();
await pool.close();
worker?.kill();
api.proc.kill();
await once(api.proc, 'exit');

// What this run left on the shared servers goes: its database, its Redis keys and its queues (RabbitMQ slows to a
// halt under hundreds of leftover quorum queues).
if (!embedded) {
  const mongo = await new MongoClient(real.MONGO_URL!).connect();
  await mongo.db().dropDatabase();
  await mongo.close();
  const redis = await connectRedis(real.REDIS_URL!);
  const keys = await redis.keys(`${real.REDIS_PREFIX}*`);
  if (keys.length > 0) await redis.del(keys);
  await redis.quit();
  // The API's default retry delays, so every queue it declared is named.
  await new RabbitJobQueue({ url: real.AMQP_URL!, prefix: real.AMQP_PREFIX! }).destroy();
}
