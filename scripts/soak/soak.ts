/**
 * The soak: two API nodes and a worker on the real services, simulated people sending, editing, deleting, reacting,
 * reading, dropping their sockets and coming back, in several conversations (one of them busy), while a nemesis on a
 * seeded schedule (nemesis.ts: every kind in turn, in shuffled rounds, two at once on different targets) kill -9s an
 * API node or the worker, pauses an API node (SIGSTOP, past the leases), restarts Redis, RabbitMQ or the database,
 * and cuts node B off from Redis or the database (a TCP proxy this process controls).
 * Then everything is healed, the people finish what they were doing, and the history checker (checker.ts) proves
 * what was acknowledged against what the system holds. Prints the figures and the seed; exits 1 on any violation.
 *   eval "$(bash scripts/services.sh env)"; npm run soak
 * (SOAK_SECONDS=180, SOAK_SEED, SOAK_PEOPLE=60, SOAK_FAULT_EVERY_MS=4000 per lane, SOAK_LANES=2, SOAK_FAULTS=kinds)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import WebSocket from 'ws';
import { checkHistory, formatReport, violations, type ClientRecord, type Truth } from './checker.js';
import { jobRecordOf, readConversation, readViews, type Get } from './readback.js';
import { CuttableProxy, freePort, sleep } from '../../apps/api/src/fault-kit.js';
import { FAULT_KINDS, FAULT_TARGET, runNemesis, type FaultKind } from './nemesis.js';

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
const run = randomBytes(4).toString('hex');
const logs = `/tmp/parley-soak-${run}`;
mkdirSync(logs, { recursive: true });
out(
  `== soak ${run}: ${SECONDS}s, ${PEOPLE} people, ${LANES} lanes of faults, one every ~${FAULT_EVERY_MS} ms in ` +
    `each, seed ${SEED} (logs in ${logs})`,
);

/** A seeded generator (mulberry32). */
const generator = (seed: number) => {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};
/** The people's choices (their timing varies from run to run, so only their mix replays). */
const random = generator(SEED + 1);
/** The nemesis's schedule on its own stream: the same seed gives the same faults, in order, with the same lengths. */
const chaos = generator(SEED);
const pick = <T>(xs: readonly T[], from = random): T => xs[Math.floor(from() * xs.length)]!;

/**
 * Leaves nothing behind: the run's processes, its database, its Redis keys and its queues (RabbitMQ recovers every
 * durable queue at each restart, so queues left by earlier runs made its restarts slower, then wedged it).
 */
async function cleanUp(): Promise<void> {
  for (const proc of [...nodes, worker]) if (alive(proc)) proc.child!.kill('SIGKILL');
  toRedis.close();
  toMongo.close();
  const client = await new MongoClient(mongo.toString(), { serverSelectionTimeoutMS: 10_000 }).connect();
  await client
    .db()
    .dropDatabase()
    .catch(() => undefined);
  await client.close();
  const keys = spawnSync('redis-cli', ['-u', process.env.REDIS_URL!, '--scan', '--pattern', `parley-soak:${run}:*`], {
    encoding: 'utf8',
  }).stdout.split('\n');
  for (let i = 0; i < keys.length; i += 500)
    spawnSync('redis-cli', ['-u', process.env.REDIS_URL!, 'del', ...keys.slice(i, i + 500).filter(Boolean)]);
  const rabbit = { ...process.env, RABBITMQ_NODENAME: process.env.RABBITMQ_NODENAME ?? 'parley@localhost' };
  const queues = spawnSync('rabbitmqctl', ['-q', 'list_queues', 'name'], { encoding: 'utf8', env: rabbit })
    .stdout.split('\n')
    .filter((name) => name.startsWith(`parley-soak-${run}`));
  for (const name of queues) spawnSync('rabbitmqctl', ['-q', 'delete_queue', name], { env: rabbit });
  out(`== cleaned up: database, ${keys.filter(Boolean).length} Redis keys, ${queues.length} queues`);
}

// ---- the system under test ----
const mongo = new URL(process.env.MONGO_URL!);
mongo.pathname = `/parley_soak_${run}`;
const toRedis = new CuttableProxy(new URL(process.env.REDIS_URL!));
const toMongo = new CuttableProxy(mongo);
await toRedis.start();
await toMongo.start();
const shared = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  JWT_SECRET: `soak-${run}-`.padEnd(48, 's'),
  BCRYPT_ROUNDS: '4',
  MONGO_URL: mongo.toString(),
  REDIS_PREFIX: `parley-soak:${run}:`,
  AMQP_PREFIX: `parley-soak-${run}`,
  TRUST_PROXY_HOPS: '1',
  SEND_RATE_PER_SECOND: '100000',
  REQUESTS_PER_IP_PER_MINUTE: '100000000',
  WS_COMMANDS_PER_SECOND: '1000',
  // The people sign in once and do not refresh (yet): their access tokens must outlast the run (15 min by default).
  ACCESS_TOKEN_TTL_SECONDS: String(Math.min(86_400, SECONDS + 3600)),
  DATA_DIR: `${logs}/data`,
  WEB_CLIENT: 'false',
  // With a database fault every few seconds (node B's proxy cut, the server restarted), a start can take minutes
  // to find the few quiet seconds it needs. A deployment's supervisor restarts a process that gave up after the
  // default 60 s; the soak has none, and counts a process that exits on its own as not recovered, so its nodes
  // keep trying for as long as the run lasts.
  STARTUP_WAIT_SECONDS: String(SECONDS + 600),
};
type Proc = { name: string; args: string[]; env: Record<string, string>; child: ChildProcess | null; port?: number };
const nodes: Proc[] = [];
for (const [name, viaProxy] of [
  ['api-a', false],
  ['api-b', true],
] as const) {
  const port = await freePort();
  nodes.push({
    name,
    port,
    args: [`${root}/apps/api/dist/main.js`],
    env: {
      ...shared,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      RUN_JOBS: 'false',
      ...(viaProxy ? { REDIS_URL: toRedis.url(process.env.REDIS_URL!), MONGO_URL: toMongo.url(mongo.toString()) } : {}),
    },
    child: null,
  });
}
// The worker runs every job (the nodes run none) and logs each run and each notification (LOG_LEVEL=info) for the
// checker's notification checks.
const worker: Proc = {
  name: 'worker',
  args: [`${root}/apps/worker/dist/main.js`],
  env: { ...shared, LOG_LEVEL: 'info' },
  child: null,
};

/** What the nemesis did and how each process ended, with times: logs/nemesis.log. */
const nemesisLog = createWriteStream(`${logs}/nemesis.log`, { flags: 'a' });
const note = (line: string) => nemesisLog.write(`${new Date().toISOString()} ${line}\n`);
/** Exits the nemesis did not cause (it only ever sends SIGKILL): each one fails the run. */
const exitedOnTheirOwn: string[] = [];
function launch(proc: Proc): void {
  const log = createWriteStream(`${logs}/${proc.name}.log`, { flags: 'a' });
  const child = spawn(process.execPath, proc.args, { cwd: root, env: { ...process.env, ...proc.env }, stdio: 'pipe' });
  proc.child = child;
  note(`${proc.name} started (pid ${child.pid})`);
  child.once('exit', (code, signal) => {
    note(`${proc.name} (pid ${child.pid}) exited: code ${code}, signal ${signal}`);
    if (signal !== 'SIGKILL')
      exitedOnTheirOwn.push(`${proc.name} (pid ${child.pid}) exited by itself (code ${code}, signal ${signal})`);
  });
  // Both streams into one file, which is closed once both are done: piped with `end`, the first stream to end closed
  // it under the other (a 10-minute run died of "write after end" when a killed node's stdout ended before its
  // stderr's last lines).
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  child.once('close', () => log.end());
}
const alive = (proc: Proc) => proc.child !== null && proc.child.exitCode === null && proc.child.signalCode === null;
async function ready(proc: Proc, seconds = 90): Promise<void> {
  let last = 'no answer';
  for (const end = Date.now() + seconds * 1000; Date.now() < end; await sleep(200)) {
    const r = await fetch(`http://127.0.0.1:${proc.port}/ready`, { signal: AbortSignal.timeout(5000) }).catch(
      () => null,
    );
    if (r?.ok) return;
    if (r) last = `${r.status} ${await r.text()}`;
  }
  throw new Error(`${proc.name} is not ready after ${seconds}s: ${last} (see ${logs}/${proc.name}.log)`);
}
for (const node of nodes) launch(node);
launch(worker);
// Whatever happens, no process of this run outlives it.
process.on('exit', () => {
  for (const proc of [...nodes, worker]) if (alive(proc)) proc.child!.kill('SIGKILL');
});
// Stopped by hand (Ctrl-C, kill): the run's processes, database, keys and queues go with it.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    out(`== ${signal}: stopping the run`);
    void cleanUp().finally(() => process.exit(130));
  });
process.on('unhandledRejection', (error) => {
  out(`== the soak itself failed: ${String(error)}`);
  void cleanUp().finally(() => process.exit(2));
});
for (const node of nodes) await ready(node);
const base = (node = pick(nodes)) => `http://127.0.0.1:${node.port}`;

// ---- people ----
let forwarded = 1;
type Person = ClientRecord & { token: string; conversations: string[]; n: number; own: string[] };
async function call(method: string, path: string, body?: unknown, token?: string, at = base()) {
  const r = await fetch(`${at}/api/v1${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      // Each call from an address of its own (TRUST_PROXY_HOPS=1): people are many, not one address's sign-ups.
      'x-forwarded-for': `10.9.${(forwarded >> 8) & 255}.${(forwarded += 1) & 255}`,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}
/** Set-up calls retry until they work (nothing is broken yet, but a node may still be warming up). */
async function must(method: string, path: string, body?: unknown, token?: string) {
  for (let attempt = 0; ; attempt += 1) {
    const r = await call(method, path, body, token).catch((e: unknown) => ({ status: 0, body: String(e) }));
    if (r.status >= 200 && r.status < 300) return r.body;
    if (attempt > 20) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    await sleep(250);
  }
}
const people: Person[] = [];
for (let i = 0; i < PEOPLE; i += 1) {
  const r = await must('POST', '/auth/register', {
    email: `soak${i}-${run}@example.com`,
    username: `soak${i}_${run}`,
    password: 'correct horse battery',
  });
  people.push({
    userId: r.user.id,
    token: r.accessToken,
    acks: [],
    seen: {},
    edits: [],
    deletes: [],
    reads: [],
    conversations: [],
    n: 0,
    own: [],
  });
}
const busy = (
  await must(
    'POST',
    '/conversations',
    { kind: 'group', name: 'busy', memberIds: people.slice(1).map((p) => p.userId) },
    people[0]!.token,
  )
).id;
for (const p of people) p.conversations.push(busy);
for (let g = 0; g * 6 < PEOPLE; g += 1) {
  const members = people.slice(g * 6, g * 6 + 6);
  if (members.length < 2) break;
  const id = (
    await must(
      'POST',
      '/conversations',
      { kind: 'group', name: `small ${g}`, memberIds: members.slice(1).map((p) => p.userId) },
      members[0]!.token,
    )
  ).id;
  for (const p of members) p.conversations.push(id);
}
out(`== ${people.length} people, ${1 + Math.ceil(PEOPLE / 6)} conversations (one of all of them)`);

const counts = {
  operations: 0,
  sends: 0,
  socketSends: 0,
  acked: 0,
  retries: 0,
  edits: 0,
  deletes: 0,
  reactions: 0,
  reads: 0,
  reconnects: 0,
};
const faults: Record<string, number> = {};
let running = true;
let outOfOrderLive = 0;

/** A person's socket: applies each conversation's events in eventSeq order, resuming over any gap. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a frame's result, as the AsyncAPI document gives it
type Answer = { type: 'ack' | 'error'; result?: any; error?: { code: string } };
function connectSocket(p: Person): { ws: WebSocket; close: () => void; request: (frame: object) => Promise<Answer> } {
  const waiting = new Map<string, (answer: Answer) => void>();
  let requests = 0;
  const last = new Map<string, number>();
  for (const [cid, seen] of Object.entries(p.seen)) last.set(cid, seen.at(-1) ?? 0);
  const liveLast = new Map<string, number>();
  const ws = new WebSocket(`${base().replace('http', 'ws')}/ws`, [`parley.bearer.${p.token}`, 'parley.v2']);
  let resumes = 0;
  const resume = (cid: string) =>
    ws.readyState === ws.OPEN &&
    ws.send(
      JSON.stringify({
        id: `r:${cid}:${(resumes += 1)}`,
        type: 'resume',
        conversationId: cid,
        lastEventSeq: last.get(cid) ?? 0,
      }),
    );
  const apply = (e: { conversationId: string; eventSeq: number }) => {
    const at = last.get(e.conversationId) ?? 0;
    if (e.eventSeq <= at) return; // had it (documented: drop what you already have)
    if (e.eventSeq > at + 1) return resume(e.conversationId);
    last.set(e.conversationId, e.eventSeq);
    (p.seen[e.conversationId] ??= []).push(e.eventSeq);
  };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- server frames, as the AsyncAPI document gives them
  const frame = (f: any) => {
    if (f.type === 'batch') return f.frames.forEach(frame);
    if (f.type === 'ready') return p.conversations.forEach(resume);
    if (f.type === 'event' && typeof f.event.eventSeq === 'number') {
      const e = f.event;
      if ((liveLast.get(e.conversationId) ?? 0) > e.eventSeq && e.eventSeq > (last.get(e.conversationId) ?? 0)) {
        outOfOrderLive += 1;
        if (process.env.SOAK_DEBUG && outOfOrderLive < 5)
          out(
            `   live ${e.type} ${e.eventSeq} after ${liveLast.get(e.conversationId)} ` +
              `(applied ${last.get(e.conversationId)})`,
          );
      }
      liveLast.set(e.conversationId, Math.max(liveLast.get(e.conversationId) ?? 0, e.eventSeq));
      return apply(e);
    }
    if ((f.type === 'ack' || f.type === 'error') && waiting.has(String(f.id))) {
      waiting.get(String(f.id))!(f);
      waiting.delete(String(f.id));
      return;
    }
    if (f.type === 'ack' && String(f.id).startsWith('r:')) {
      const cid = String(f.id).split(':')[1]!;
      for (const e of f.result.events) apply(e);
      if (f.result.hasMore) resume(cid);
    }
    // A resume refused (the database away, a node paused): asked again shortly, as a client keeps trying.
    if (f.type === 'error' && String(f.id).startsWith('r:')) {
      const cid = String(f.id).split(':')[1]!;
      setTimeout(() => resume(cid), 500);
    }
  };
  ws.on('message', (data) => frame(JSON.parse(String(data))));
  ws.on('error', () => {});
  // A socket that goes away answers what it was asked with a connection error (the sender then retries).
  ws.on('close', () => {
    for (const resolve of waiting.values()) resolve({ type: 'error', error: { code: 'connection_lost' } });
    waiting.clear();
  });
  const request = (body: object) =>
    new Promise<Answer>((resolve) => {
      if (ws.readyState !== ws.OPEN) return resolve({ type: 'error', error: { code: 'not_connected' } });
      const id = `q${(requests += 1)}`;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ ...body, id }));
      setTimeout(() => {
        if (waiting.delete(id)) resolve({ type: 'error', error: { code: 'timeout' } });
      }, 10_000);
    });
  return { ws, close: () => ws.close(), request };
}

async function send(p: Person, cid: string): Promise<void> {
  const clientMessageId = `${p.userId}-${(p.n += 1)}`;
  counts.sends += 1;
  for (let attempt = 0; ; attempt += 1) {
    if (attempt > 0) {
      counts.retries += 1;
      await sleep(Math.min(2000, 100 * 2 ** attempt));
    }
    if (!running && attempt > 200) return; // gave up: never acknowledged, so nothing is owed
    const content = `m ${clientMessageId}`;
    // Half the tries over the person's socket, half over REST to either node; a retry keeps the clientMessageId.
    if (random() < 0.5) {
      const answer = await sockets
        .get(p)!
        .request({ type: 'message.send', conversationId: cid, content, clientMessageId });
      if (answer.type === 'ack') {
        const message = answer.result.message;
        p.acks.push({ conversationId: cid, senderId: p.userId, clientMessageId, id: message.id, seq: message.seq });
        p.own.push(message.id);
        counts.acked += 1;
        counts.socketSends += 1;
        return;
      }
      continue;
    }
    const r = await call('POST', `/conversations/${cid}/messages`, { content, clientMessageId }, p.token).catch(
      () => null,
    );
    if (r && (r.status === 200 || r.status === 201)) {
      p.acks.push({ conversationId: cid, senderId: p.userId, clientMessageId, id: r.body.id, seq: r.body.seq });
      p.own.push(r.body.id);
      counts.acked += 1;
      return;
    }
    if (r && r.status >= 400 && r.status < 500 && r.status !== 429 && r.status !== 408)
      throw new Error(`send refused: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

async function act(p: Person): Promise<void> {
  const cid = random() < 0.5 ? busy : pick(p.conversations);
  const roll = random();
  counts.operations += 1;
  if (roll < 0.55) return send(p, cid);
  const mine = p.own.length > 0 ? pick(p.own) : null;
  if (roll < 0.65 && mine) {
    const content = `edit ${(p.n += 1)}`;
    const at = Date.now();
    const r = await call(
      'PATCH',
      `/conversations/${p.acks.find((a) => a.id === mine)!.conversationId}/messages/${mine}`,
      { content },
      p.token,
    ).catch(() => null);
    // Recorded either way: an edit whose answer was lost may still have taken effect (the checker allows for it).
    p.edits.push({ id: mine, content, at, acked: r?.status === 200 });
    if (r?.status === 200) counts.edits += 1;
    return;
  }
  if (roll < 0.7 && mine) {
    const at = Date.now();
    const r = await call(
      'DELETE',
      `/conversations/${p.acks.find((a) => a.id === mine)!.conversationId}/messages/${mine}`,
      undefined,
      p.token,
    ).catch(() => null);
    if (r?.status === 200 || r?.status === 204) {
      p.deletes.push({ id: mine, at });
      p.own = p.own.filter((id) => id !== mine);
      counts.deletes += 1;
    }
    return;
  }
  const target = people
    .flatMap((q) => q.acks)
    .filter((a) => p.conversations.includes(a.conversationId))
    .at(-1);
  if (!target) return;
  if (roll < 0.85) {
    const r = await call(
      'POST',
      `/messages/${target.id}/reactions`,
      { emoji: pick(['👍', '❤️', '🎉']) },
      p.token,
    ).catch(() => null);
    if (r && r.status < 300) counts.reactions += 1;
  } else {
    const r = await call('POST', `/messages/${target.id}/read`, {}, p.token).catch(() => null);
    if (r && r.status < 300) {
      counts.reads += 1;
      p.reads!.push({ conversationId: target.conversationId, seq: target.seq });
    }
  }
}

const sockets = new Map<Person, ReturnType<typeof connectSocket>>();
for (const p of people) sockets.set(p, connectSocket(p));
const workload = people.map(async (p) => {
  while (running) {
    await act(p).catch((e: unknown) => out(`   a person's operation failed: ${String(e)}`));
    if (random() < 0.02) {
      // Offline for a while, then back (resuming from where the socket left off).
      sockets.get(p)!.close();
      await sleep(500 + random() * 3000);
      sockets.set(p, connectSocket(p));
      counts.reconnects += 1;
    }
    await sleep(200 + random() * 800);
  }
});

// ---- the nemesis ----
const services = (verb: 'stop' | 'start', name: string) =>
  spawnSync('bash', [`${root}/scripts/services.sh`, verb, name], { stdio: 'ignore', timeout: 120_000 });
/** SOAK_FAULTS=cut-redis,redis narrows the nemesis to those kinds (to chase one fault). */
const KINDS = process.env.SOAK_FAULTS
  ? FAULT_KINDS.filter((k) => process.env.SOAK_FAULTS!.split(',').includes(k))
  : FAULT_KINDS;
/** The API nodes a fault holds now: two API faults at once take one node each (both down: a full outage). */
const underFault = new Set<Proc>();
function takeNode(): Proc {
  const node = pick(
    nodes.filter((n) => !underFault.has(n)),
    chaos,
  );
  underFault.add(node);
  return node;
}
async function fault(kind: FaultKind): Promise<void> {
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
      services('stop', name);
      await sleep(down);
      services('start', name);
      return;
    }
    case 'cut-redis':
      return toRedis.cut(down);
    case 'cut-database':
      return toMongo.cut(down);
  }
}
const started = Date.now();
Object.assign(
  faults,
  await runNemesis({
    kinds: KINDS,
    targetOf: (kind) => FAULT_TARGET[kind],
    capacityOf: (target) => (target === FAULT_TARGET['kill-api'] ? nodes.length : 1),
    seconds: SECONDS,
    everyMs: FAULT_EVERY_MS,
    lanes: LANES,
    random: chaos,
    inject: fault,
    failed: (kind, e) => {
      note(`fault ${kind} failed: ${String(e)}`);
      out(`   fault ${kind} failed to inject: ${String(e)}`);
    },
  }),
);

// ---- heal, settle, check ----
out(`== healing after ${Math.round((Date.now() - started) / 1000)}s; faults ${JSON.stringify(faults)}`);
for (const name of ['redis', 'rabbitmq', 'mongo']) services('start', name);
// A process that stopped on its own, or a node still not ready two minutes after everything is back, did not
// recover by itself: that is a finding (it fails the run), and it is started again so the data can still be checked.
const unrecovered: string[] = exitedOnTheirOwn.map((line) => `${line}: see ${logs}/${line.split(' ')[0]}.log`);
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
running = false;
await Promise.all(workload);
await sleep(5000); // the last events on their way
// Each person catches up every conversation (the same resume a reconnecting client does), then the truth is read.
for (const p of people) {
  sockets.get(p)!.close();
  sockets.set(p, connectSocket(p));
}
const reader = new Map<string, string>();
for (const p of people) for (const cid of p.conversations) if (!reader.has(cid)) reader.set(cid, p.token);
const truth: Truth = { conversations: {} };
const get: Get = (path, token) => must('GET', path, undefined, token);
for (const [cid, token] of reader) truth.conversations[cid] = await readConversation(get, cid, token);
// Every person's socket catches up to each conversation's head (a minute at most) before the check.
for (const end = Date.now() + 60_000; Date.now() < end; await sleep(500)) {
  const behind = people.some((p) =>
    p.conversations.some((cid) => (p.seen[cid]?.at(-1) ?? 0) < truth.conversations[cid]!.events.length),
  );
  if (!behind) break;
}
for (const { close } of sockets.values()) close();
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
    `${counts.reconnects} reconnects); ` +
    `faults injected ${JSON.stringify(faults)}; live events that came ahead of an earlier one (put in order by ` +
    `the client): ${outOfOrderLive}`,
);
out(`== checker: ${formatReport(report)}`);
out(
  `== seed ${SEED} (replay: SOAK_SEED=${SEED} SOAK_SECONDS=${SECONDS} SOAK_PEOPLE=${PEOPLE} ` +
    `SOAK_FAULT_EVERY_MS=${FAULT_EVERY_MS} SOAK_LANES=${LANES} npm run soak)`,
);
for (const line of unrecovered) out(`== NOT RECOVERED without a restart: ${line}`);
await cleanUp();
process.exit(violations(report) > 0 || unrecovered.length > 0 ? 1 : 0);
