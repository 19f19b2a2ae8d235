import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Faults of the servers around the API, each taken away and brought back by scripts/services.sh while a
 * real API process runs on the real adapters (MONGO_URL, REDIS_URL, S3_* from scripts/services.sh env).
 */
for (const name of ['MONGO_URL', 'REDIS_URL', 'S3_BUCKET']) if (!process.env[name]) throw new Error(`${name} is required (eval "$(scripts/services.sh env)")`);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const services = (...args: string[]) => execFileSync('bash', [`${root}/scripts/services.sh`, ...args], { stdio: 'ignore', timeout: 120_000 });
const id = randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let api: ChildProcess | null = null;
let base = '';
let address = 1;

async function startApi(): Promise<void> {
  const port = await new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
  const mongoUrl = new URL(process.env.MONGO_URL!); mongoUrl.pathname = `/parley_faults_${id}`;
  api = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', fileURLToPath(new URL('./main.ts', import.meta.url))], {
    env: {
      ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'error', BCRYPT_ROUNDS: '4',
      JWT_SECRET: 'faults-test-secret-'.padEnd(48, 'f'), MONGO_URL: mongoUrl.toString(), REDIS_PREFIX: `parley-faults:${id}:`, TRUST_PROXY_HOPS: '1',
      AMQP_URL: '', DATA_DIR: `/tmp/parley-faults-${id}`,
    },
    stdio: 'ignore',
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600 && !(await fetch(`${base}/ready`).then((r) => r.ok, () => false)); i += 1) await sleep(100);
}

async function signUp(name: string): Promise<{ accessToken: string; user: { id: string } }> {
  return (await call('POST', '/api/v1/auth/register', { email: `${name}-${id}@faults.test`, username: `${name}_${id}`, password: 'correct horse battery' })).body;
}

/** Repeats a request until it answers `status` (or `tries` run out); returns the last answer. */
async function until(status: number, tries: number, request: () => Promise<{ status: number; body: any }>) { // eslint-disable-line @typescript-eslint/no-explicit-any
  let last = await request().catch(() => ({ status: 0, body: null }));
  for (let i = 1; i < tries && last.status !== status; i += 1) {
    await sleep(200);
    last = await request().catch(() => ({ status: 0, body: null }));
  }
  return last;
}

/** A request that must answer within `ms` (a hang fails the test). */
async function call(method: string, path: string, body?: unknown, token?: string, ms = 3000): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${base}${path}`, {
    method, signal: AbortSignal.timeout(ms), ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.7.0.${address++ % 250}`, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

beforeAll(startApi);
afterAll(async () => {
  for (const name of ['redis', 'mongo', 's3']) services('start', name); // whatever happened, the next tests get their servers back
  api?.kill('SIGKILL');
});

describe('Redis stopped for 10 s under a running API', () => {
  it('keeps serving REST and persisted sends, says so in /ready, and resumes realtime and catch-up by itself', async () => {
    const [ann, bob] = await Promise.all(['ann', 'bob'].map(async (name) => (await call('POST', '/api/v1/auth/register', { email: `${name}-${id}@faults.test`, username: `${name}_${id}`, password: 'correct horse battery' })).body));
    const dm = (await call('POST', '/api/v1/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken)).body;
    const before = (await call('POST', `/api/v1/conversations/${dm.id}/messages`, { content: 'before' }, ann.accessToken)).body;

    const live: { eventSeq: number; content: string }[] = [];
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers: { authorization: `Bearer ${bob.accessToken}` } });
    const frames: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      if (frame.type === 'event' && frame.event.type === 'message.created') live.push({ eventSeq: frame.event.eventSeq, content: frame.event.payload.message.content });
    });
    await new Promise<void>((resolve) => socket.on('message', function ready(data) { if (String(data).includes('"type":"ready"')) { socket.off('message', ready); resolve(); } }));

    services('stop', 'redis');
    const outageStarted = Date.now();
    expect((await call('GET', '/health', undefined, undefined, 1000)).status).toBe(200);
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ redis: false, mongodb: true });
    const acknowledged: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const sent = await call('POST', `/api/v1/conversations/${dm.id}/messages`, { content: `during ${i}`, clientMessageId: `during-${i}` }, ann.accessToken);
      expect(sent.status).toBe(201);
      acknowledged.push(sent.body.id);
    }
    expect((await call('GET', `/api/v1/conversations/${dm.id}/messages?limit=10`, undefined, bob.accessToken)).body.data).toHaveLength(6);
    await sleep(Math.max(0, 10_000 - (Date.now() - outageStarted)));
    services('start', 'redis');

    let readyAgain = 0;
    for (let i = 0; i < 150 && readyAgain !== 200; i += 1) { readyAgain = (await call('GET', '/ready')).status; if (readyAgain !== 200) await sleep(100); }
    expect(readyAgain).toBe(200);
    const recoveredIn = Date.now() - outageStarted - 10_000;

    // Realtime resumes by itself: a message sent now reaches the socket that stayed open.
    let after: { eventSeq: number } | null = null;
    for (let i = 0; i < 20 && !live.some((e) => e.content.startsWith('after')); i += 1) {
      after = (await call('POST', `/api/v1/conversations/${dm.id}/messages`, { content: `after ${i}` }, ann.accessToken)).body;
      await sleep(250);
    }
    expect(live.some((e) => e.content.startsWith('after'))).toBe(true);

    // What the socket missed comes back through resume, in order, with no gap and no duplicate.
    socket.send(JSON.stringify({ id: 'resume', type: 'resume', conversationId: dm.id, lastEventSeq: before.eventSeq }));
    for (let i = 0; i < 50 && !frames.some((f) => f.id === 'resume'); i += 1) await sleep(100);
    const resumed = frames.find((f) => f.id === 'resume').result.events as { eventSeq: number; payload: { message: { id: string } } }[];
    expect(resumed.map((e) => e.eventSeq)).toEqual(Array.from({ length: resumed.length }, (_, k) => before.eventSeq + 1 + k));
    const resumedIds = resumed.map((e) => e.payload.message.id);
    expect(resumedIds.slice(0, 5)).toEqual(acknowledged);
    expect(new Set(resumedIds).size).toBe(resumedIds.length);
    expect(resumed.at(-1)!.eventSeq).toBe(after!.eventSeq);
    process.stdout.write(`redis outage: 5 sends during 10 s without Redis, 5 acknowledged, 5 stored; /ready 200 again ${recoveredIn} ms after restart; ` +
      `live delivery resumed; resume returned ${resumed.length} events with no gap or duplicate\n`);
    socket.close();
  });
});

describe('the database restarted under a running API', () => {
  it('answers 503 database_unavailable while it is away, within the documented 5 s, and serves again when it is back', async () => {
    const [cat, dan] = [await signUp('cat'), await signUp('dan')];
    const dm = (await call('POST', '/api/v1/conversations', { kind: 'direct', memberIds: [dan.user.id] }, cat.accessToken)).body;
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws`, { headers: { authorization: `Bearer ${cat.accessToken}` } });
    const frames: { type: string; id?: string; error?: { code: string } }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    for (let i = 0; i < 50 && !frames.some((f) => f.type === 'ready'); i += 1) await sleep(100);
    services('stop', 'mongo');
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ mongodb: false, redis: true });
    const historyAsked = Date.now();
    const history = await call('GET', `/api/v1/conversations/${dm.id}/messages`, undefined, dan.accessToken, 9000);
    const historyMs = Date.now() - historyAsked;
    expect(history.status).toBe(503);
    expect(history.body.error.code).toBe('database_unavailable');
    const send = () => call('POST', `/api/v1/conversations/${dm.id}/messages`, { content: 'while the database restarts', clientMessageId: 'db-restart' }, cat.accessToken, 9000);
    const sendAsked = Date.now();
    const refused = await send();
    const sendMs = Date.now() - sendAsked;
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('database_unavailable');
    expect(Math.max(historyMs, sendMs)).toBeLessThan(7000); // the driver's 5 s server selection, plus margin
    socket.send(JSON.stringify({ id: 'ws-send', type: 'message.send', conversationId: dm.id, content: 'over the socket', clientMessageId: 'ws-db-restart' }));
    for (let i = 0; i < 90 && !frames.some((f) => f.id === 'ws-send'); i += 1) await sleep(100);
    expect(frames.find((f) => f.id === 'ws-send')).toMatchObject({ type: 'error', error: { code: 'database_unavailable' } });
    socket.close();
    services('start', 'mongo');
    const restarted = Date.now();
    const accepted = await until(201, 100, send);
    expect(accepted.status).toBe(201);
    const recoveredIn = Date.now() - restarted;
    const stored = (await call('GET', `/api/v1/conversations/${dm.id}/messages`, undefined, dan.accessToken)).body.data;
    expect(stored.map((m: { clientMessageId: string }) => m.clientMessageId)).toEqual(['db-restart']);
    process.stdout.write(`database outage: /ready 503; history 503 database_unavailable in ${historyMs} ms, send in ${sendMs} ms; ` +
      `the retried send acknowledged ${recoveredIn} ms after the restart, stored once\n`);
  });
});

describe('S3 down under a running API', () => {
  it('answers 503 storage_unavailable on upload confirmation, and the same upload completes once S3 is back', async () => {
    const eve = await signUp('eve');
    const bytes = new Uint8Array([0xff, 0xfb, 0x90, 0x64, ...new Array(400).fill(0)]); // an MPEG-1 Layer III frame
    const ticket = (await call('POST', '/api/v1/media/upload', { filename: 'song.mp3', contentType: 'audio/mpeg', size: bytes.length }, eve.accessToken)).body;
    services('stop', 's3');
    const confirm = () => call('POST', `/api/v1/media/${ticket.id}/confirm`, undefined, eve.accessToken, 9000);
    const refused = await confirm();
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('storage_unavailable');
    expect((await call('GET', `/api/v1/media/${ticket.id}`, undefined, eve.accessToken)).body.status).toBe('pending');
    services('start', 's3');
    expect((await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: bytes })).ok).toBe(true);
    expect((await until(200, 50, confirm)).status).toBe(200);
    process.stdout.write('storage outage: confirmation 503 storage_unavailable, media left pending; after S3 returned the same upload was confirmed\n');
  });
});
