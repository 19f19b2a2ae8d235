import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * kill -9 under load: 50 clients send to one group through a real API process on the real adapters
 * (MONGO_URL, REDIS_URL, AMQP_URL from scripts/services.sh), each retrying with the same clientMessageId
 * until acknowledged. The process is killed mid-load and started again, twice. Afterwards every
 * acknowledged message is in history exactly once, in /events exactly once, and in a WebSocket resume.
 */
for (const name of ['MONGO_URL', 'REDIS_URL'])
  if (!process.env[name]) throw new Error(`${name} is required (eval "$(scripts/services.sh env)")`);
const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const id = randomUUID().slice(0, 8);
const mongoUrl = (() => {
  const u = new URL(process.env.MONGO_URL!);
  u.pathname = `/parley_crash_${id}`;
  return u.toString();
})();
const SENDERS = 50;
/** Messages started in all (each retried until acknowledged): enough to be mid-load at both kills. */
const MAX_MESSAGES = 900;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

let child: ChildProcess | null = null;
let base = '';
let forwarded = 1;

async function startApi(port: number): Promise<void> {
  child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', main], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      JWT_SECRET: 'crash-test-secret-'.padEnd(48, 's'),
      BCRYPT_ROUNDS: '4',
      MONGO_URL: mongoUrl,
      TRUST_PROXY_HOPS: '1',
      SEND_RATE_PER_SECOND: '100000',
      REQUESTS_PER_IP_PER_MINUTE: '100000000',
      REDIS_PREFIX: `parley-crash:${id}:`,
      AMQP_PREFIX: `parley-crash-${id}`,
      DATA_DIR: `/tmp/parley-crash-${id}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`api exited: ${output}`);
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`api did not become ready: ${output}`);
}

async function call(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': `10.1.${(forwarded >> 8) & 255}.${forwarded++ & 255}`,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  return { status: res.status, body: await res.json() };
}

afterAll(async () => {
  child?.kill('SIGKILL');
  const client = await new MongoClient(mongoUrl).connect();
  await client
    .db()
    .dropDatabase()
    .finally(() => client.close());
});

describe('kill -9 of the API under 50 concurrent senders', () => {
  it('loses nothing, duplicates nothing and misses no event, across two crashes', async () => {
    const port = await freePort();
    await startApi(port);
    const hub = (
      await call('POST', '/auth/register', {
        email: 'hub@example.test',
        username: 'hub',
        password: 'correct horse battery',
      })
    ).body;
    const senders: { id: string; token: string }[] = [];
    for (let i = 0; i < SENDERS; i += 1) {
      const u = (
        await call('POST', '/auth/register', {
          email: `s${i}@example.test`,
          username: `sender${i}`,
          password: 'correct horse battery',
        })
      ).body;
      senders.push({ id: u.user.id, token: u.accessToken });
    }
    const group = (
      await call(
        'POST',
        '/conversations',
        { kind: 'group', name: 'Load', memberIds: senders.map((s) => s.id) },
        hub.accessToken,
      )
    ).body;
    const acked = new Map<string, { id: string; seq: number }>();
    let stop = false;
    let attempts = 0;
    let failures = 0;
    let started = 0;
    /** How many may be started so far: raised before each kill, so that each finds senders mid-load. */
    let allowance = 0;
    // Each client sends one message at a time and retries it, same clientMessageId, until acknowledged; no more
    // messages are started than the allowance (half of MAX_MESSAGES per crash), so what is checked afterwards (and
    // what a restarted API relays on FerretDB, which scans) does not grow with how fast this machine happens to be.
    const clients = senders.map(async (sender, i) => {
      for (let n = 0; !stop; n += 1) {
        while (!stop && started >= allowance) await new Promise((r) => setTimeout(r, 20));
        if (stop) break;
        started += 1;
        const clientMessageId = `s${i}-${n}`;
        for (;;) {
          attempts += 1;
          try {
            const r = await call(
              'POST',
              `/conversations/${group.id}/messages`,
              { content: `message ${clientMessageId}`, clientMessageId },
              sender.token,
            );
            if (r.status === 201 || r.status === 200) {
              acked.set(clientMessageId, { id: r.body.id, seq: r.body.seq });
              break;
            }
            failures += 1;
          } catch {
            failures += 1;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
    for (let run = 1; run <= 2; run += 1) {
      allowance = (MAX_MESSAGES / 2) * run;
      const before = acked.size;
      // Killed mid-load: once a third of the messages more are acknowledged (or 20 s on), senders still sending.
      for (const end = Date.now() + 20_000; acked.size < before + MAX_MESSAGES / 3 && Date.now() < end;)
        await new Promise((r) => setTimeout(r, 20));
      const atKill = acked.size;
      child!.kill('SIGKILL');
      await new Promise((r) => child!.once('exit', r));
      await new Promise((r) => setTimeout(r, 500));
      await startApi(port);
      await new Promise((r) => setTimeout(r, 1_500));
      process.stdout.write(
        `crash run ${run}: ${atKill - before} acknowledged before kill -9, ${acked.size - atKill} more after restart ` +
          `(retries included)\n`,
      );
    }
    stop = true;
    await Promise.all(clients);

    // History, read back page by page.
    const history: { id: string; seq: number; clientMessageId: string }[] = [];
    for (let cursor: string | undefined; ;) {
      const page = (
        await call(
          'GET',
          `/conversations/${group.id}/messages?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          undefined,
          hub.accessToken,
        )
      ).body;
      history.push(...page.data);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const byClientId = new Map<string, number>();
    for (const m of history) byClientId.set(m.clientMessageId, (byClientId.get(m.clientMessageId) ?? 0) + 1);
    const lost = [...acked.keys()].filter((k) => !byClientId.has(k));
    const duplicated = [...byClientId.entries()].filter(([, n]) => n > 1);
    const seqs = history.map((m) => m.seq).sort((a, b) => a - b);

    // The event stream, over REST and over a socket's resume.
    const events: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (let after = 0; ;) {
      const page = (
        await call('GET', `/conversations/${group.id}/events?after=${after}&limit=1000`, undefined, hub.accessToken)
      ).body;
      events.push(...page.events);
      after = page.lastEventSeq;
      if (!page.hasMore) break;
    }
    const created = new Set(
      events.filter((e) => e.payload.type === 'message.created').map((e) => e.payload.message.clientMessageId),
    );
    const missingEvents = [...acked.keys()].filter((k) => !created.has(k));
    const ws = new WebSocket(`${base.replace('http', 'ws')}/ws?token=${hub.accessToken}`);
    const resumed: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    await new Promise<void>((resolve, reject) => {
      let last = 0;
      ws.on('error', reject);
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'ready')
          ws.send(JSON.stringify({ id: 'r0', type: 'resume', conversationId: group.id, lastEventSeq: 0 }));
        if (frame.type === 'ack' && String(frame.id).startsWith('r')) {
          resumed.push(...frame.result.events);
          last = frame.result.lastEventSeq;
          if (frame.result.hasMore)
            ws.send(JSON.stringify({ id: `r${last}`, type: 'resume', conversationId: group.id, lastEventSeq: last }));
          else resolve();
        }
      });
    });
    ws.close();
    const resumedCreated = new Set(
      resumed.filter((e) => e.payload.type === 'message.created').map((e) => e.payload.message.clientMessageId),
    );

    process.stdout.write(
      `crash test: ${attempts} attempts, ${failures} failed while the API was down, ${acked.size} acknowledged, ` +
        `${history.length} stored, lost ${lost.length}, duplicated ${duplicated.length}, missing events ` +
        `${missingEvents.length}\n`,
    );
    expect(acked.size).toBeGreaterThan(100);
    expect(lost).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(history.length).toBe(acked.size);
    expect(missingEvents).toEqual([]);
    expect(events.map((e) => e.eventSeq)).toEqual(events.map((_, i) => i + 1));
    expect(resumed.map((e) => e.eventSeq)).toEqual(events.map((e) => e.eventSeq));
    expect([...acked.keys()].filter((k) => !resumedCreated.has(k))).toEqual([]);
    for (const [key, { id, seq }] of acked)
      expect(history.find((m) => m.clientMessageId === key)).toMatchObject({ id, seq });
  }, 240_000);
});
