import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHeld, ParleyClient, paginate, unwrap, type ConversationEvent, type Tokens } from './index.js';

/**
 * The client against a real API process (the embedded default), some of it through a TCP proxy the test
 * can take down: a socket killed mid-stream, sends made while offline, answers lost on the way back.
 */
const apiMain = fileURLToPath(new URL('../../apps/api/src/main.ts', import.meta.url));
let api: ChildProcess;
let apiPort = 0;
let proxy: Proxy;

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !check(); await sleep(20)) if (Date.now() > end) throw new Error('timed out');
}

/**
 * A TCP proxy to the API: `down()` refuses and cuts connections; `dropAnswers` forwards requests but never the answers.
 */
class Proxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;
  up = true;
  dropAnswers = false;
  constructor() {
    this.server = createServer((client) => {
      if (!this.up) return client.destroy();
      const upstream = connect(apiPort, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (d) => upstream.write(d));
      upstream.on('data', (d) => {
        if (!this.dropAnswers) return client.write(d);
        client.destroy(); // the request reached the server; its answer is lost
        upstream.destroy();
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
  }
  async listen() {
    this.port = await freePort();
    await new Promise<void>((r) => this.server.listen(this.port, '127.0.0.1', r));
  }
  down() {
    this.up = false;
    for (const s of this.sockets) s.destroy();
  }
  close() {
    this.down();
    this.server.close();
  }
}

/** ws, keeping every frame the server sent and the subprotocol it selected (to see batch frames arrive). */
const recorded = { frames: [] as string[], protocols: [] as string[] };
class RecordingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols);
    this.on('open', () => recorded.protocols.push(this.protocol));
    this.on('message', (data) => recorded.frames.push(String(data)));
  }
}

const client = (
  port = apiPort,
  tokens?: Tokens,
  onTokens?: (t: Tokens | null) => void,
  refreshMarginMs?: number,
  Impl: unknown = WebSocket,
) =>
  new ParleyClient({
    url: `http://127.0.0.1:${port}`,
    WebSocket: Impl as never,
    backoff: { initialMs: 50, maxMs: 300 },
    ...(tokens ? { tokens } : {}),
    ...(onTokens ? { onTokens } : {}),
    ...(refreshMarginMs ? { refreshMarginMs } : {}),
  });

let n = 0;
async function pair(BobsWebSocket: unknown = WebSocket) {
  n += 1;
  const [ann, bob] = [client(proxy.port), client(apiPort, undefined, undefined, undefined, BobsWebSocket)];
  await ann.register({ email: `ann${n}@client.test`, username: `ann_${n}`, password: 'correct horse battery' });
  const bobUser = await bob.register({
    email: `bob${n}@client.test`,
    username: `bob_${n}`,
    password: 'correct horse battery',
  });
  const dm = await unwrap(
    ann.api.POST('/api/v1/conversations', { body: { kind: 'direct', memberIds: [bobUser.user.id] } }),
  );
  const received: ConversationEvent[] = [];
  bob.realtime.on('event', (e) => {
    if (e.type === 'message.created') received.push(e);
  });
  bob.realtime.follow(dm.id, 0);
  await bob.realtime.connect();
  const contents = () => received.map((e) => (e.payload.message as { content: string }).content);
  return { ann, bob, dm, received, contents };
}

beforeAll(async () => {
  apiPort = await freePort();
  const { MONGO_URL: _m, REDIS_URL: _r, AMQP_URL: _a, S3_BUCKET: _s, ...env } = process.env;
  api = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', apiMain], {
    env: {
      ...env,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BCRYPT_ROUNDS: '4',
      SEND_RATE_PER_SECOND: '1000',
      DATA_DIR: `/tmp/parley-client-${apiPort}`,
    },
    stdio: 'ignore',
  });
  for (
    let i = 0;
    i < 300 &&
    !(await fetch(`http://127.0.0.1:${apiPort}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    i += 1
  )
    await sleep(100);
  proxy = new Proxy();
  await proxy.listen();
}, 60_000);

afterAll(() => {
  proxy?.close();
  api?.kill('SIGKILL');
});

describe('@parley/client against a real API', () => {
  it(
    'signs up, calls typed REST operations, pages through lists and sends a message that arrives live ' + 'once',
    async () => {
      const { ann, bob, dm, contents } = await pair();
      await ann.send({ conversationId: dm.id, content: 'hello' });
      await until(() => contents().length === 1);
      const me = await unwrap(bob.api.GET('/api/v1/auth/me'));
      expect(me.username).toBe(`bob_${n}`);
      for (let i = 0; i < 5; i += 1) await ann.send({ conversationId: dm.id, content: `page ${i}` });
      const all: string[] = [];
      for await (const message of paginate((cursor) =>
        unwrap(
          bob.api.GET('/api/v1/conversations/{cid}/messages', {
            params: { path: { cid: dm.id }, query: { limit: 2, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ))
        all.push(message.content ?? '');
      expect(all.sort()).toEqual(['hello', 'page 0', 'page 1', 'page 2', 'page 3', 'page 4']);
      await until(() => contents().length === 6);
      expect(contents()).toEqual(['hello', 'page 0', 'page 1', 'page 2', 'page 3', 'page 4']);
      ann.close();
      bob.close();
    },
  );

  it('takes batch frames (parley.v2): events that came together are handled one by one, in order', async () => {
    const { ann, bob, dm, contents } = await pair(RecordingWebSocket);
    const ids: string[] = [];
    for (const content of ['a', 'b', 'c'])
      ids.push(
        (
          await unwrap(
            ann.api.POST('/api/v1/conversations/{cid}/messages', {
              params: { path: { cid: dm.id } },
              body: { content },
            }),
          )
        ).id,
      );
    // Three forwards in one request: their events reach Bob's socket together, in a batch frame.
    await unwrap(ann.api.POST('/api/v1/forwards', { body: { conversationId: dm.id, messageIds: ids } }));
    await until(() => contents().length === 6);
    expect(contents()).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(recorded.protocols).toEqual(['parley.v2']);
    expect(recorded.frames.some((f) => f.startsWith('{"type":"batch"'))).toBe(true);
    ann.close();
    bob.close();
  });

  it('a socket killed mid-stream reconnects and resumes: every message once, in order', async () => {
    const { ann, bob, dm, received } = await pair();
    const sending = (async () => {
      for (let i = 0; i < 40; i += 1)
        await unwrap(
          ann.api.POST('/api/v1/conversations/{cid}/messages', {
            params: { path: { cid: dm.id } },
            body: { content: `m${i}` },
          }),
        );
    })();
    await until(() => received.length >= 5);
    bob.realtime.drop();
    await sleep(30);
    bob.realtime.drop();
    await sending;
    await until(() => received.length >= 40);
    await sleep(300);
    expect(received.map((e) => (e.payload.message as { content: string }).content)).toEqual(
      Array.from({ length: 40 }, (_, i) => `m${i}`),
    );
    expect(received.map((e) => e.eventSeq)).toEqual(Array.from({ length: 40 }, (_, i) => received[0]!.eventSeq + i));
    ann.close();
    bob.close();
  });

  it('sends made while offline go out once the connection is back, each exactly once', async () => {
    const { ann, bob, dm, contents } = await pair();
    await ann.realtime.connect();
    proxy.down();
    const sends = [0, 1, 2].map((i) => ann.send({ conversationId: dm.id, content: `offline ${i}` }));
    await until(() => ann.outbox.list().length === 3 && ann.outbox.list().every((p) => p.state === 'queued'));
    expect(contents()).toEqual([]);
    proxy.up = true;
    const messages = await Promise.all(sends);
    expect(messages.map((m) => (isHeld(m) ? 'held' : m.content))).toEqual(['offline 0', 'offline 1', 'offline 2']);
    await until(() => contents().length === 3);
    await sleep(300);
    expect(contents()).toEqual(['offline 0', 'offline 1', 'offline 2']);
    ann.close();
    bob.close();
  });

  it('a send whose answer was lost is retried and stored once (its clientMessageId)', async () => {
    const { ann, bob, dm, contents } = await pair();
    proxy.dropAnswers = true;
    const sent = ann.send({ conversationId: dm.id, content: 'answer lost' });
    await until(() => contents().length === 1); // the server stored it; the client does not know yet
    proxy.dropAnswers = false;
    await ann.outbox.flush();
    const answer = await sent;
    expect(isHeld(answer) ? 'held' : answer.content).toBe('answer lost');
    await sleep(300);
    expect(contents()).toEqual(['answer lost']);
    const stored = await unwrap(
      bob.api.GET('/api/v1/conversations/{cid}/messages', { params: { path: { cid: dm.id } } }),
    );
    expect(stored.data.map((m) => m.content)).toEqual(['answer lost']);
    ann.close();
    bob.close();
  });

  it(
    'refreshes the access token before it expires and when the server refuses it, rotating the refresh ' + 'token',
    async () => {
      const saved: (Tokens | null)[] = [];
      const cat = client(apiPort, undefined, (t) => saved.push(t), 3_600_000);
      await cat.register({ email: 'cat@client.test', username: 'cat_client', password: 'correct horse battery' });
      await unwrap(cat.api.GET('/api/v1/auth/me')); // a 15 min token expires within the 1 h margin: refreshed first
      expect(saved).toHaveLength(2);
      expect(saved[1]!.refreshToken).not.toBe(saved[0]!.refreshToken);
      // Looks valid for an hour, but the server refuses it: the client refreshes and repeats the request.
      const forged = [
        'eyJhbGciOiJIUzI1NiJ9',
        Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url'),
        'bad-signature',
      ].join('.');
      const stale = client(apiPort, { accessToken: forged, refreshToken: saved[1]!.refreshToken });
      expect((await unwrap(stale.api.GET('/api/v1/auth/me'))).username).toBe('cat_client');
      // its refresh token was rotated by `stale`
      await expect(unwrap(cat.api.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401 });
    },
  );

  it('names its device when it signs in, lists the sessions and ends the others', async () => {
    const device = { name: "Dee's tablet", platform: 'android', clientVersion: '3.1.0' };
    const tablet = new ParleyClient({ url: `http://127.0.0.1:${apiPort}`, WebSocket: WebSocket as never, device });
    await tablet.register({ email: 'dee@client.test', username: 'dee_client', password: 'correct horse battery' });
    const laptop = client();
    await laptop.login('dee_client', 'correct horse battery');
    const listed = await tablet.sessions();
    expect(listed.map((s) => [s.current, s.name, s.platform, s.clientVersion])).toEqual(
      expect.arrayContaining([
        [true, "Dee's tablet", 'android', '3.1.0'],
        [false, null, null, null],
      ]),
    );
    expect(listed).toHaveLength(2);
    expect(await tablet.endOtherSessions()).toBe(1);
    await expect(unwrap(laptop.api.GET('/api/v1/auth/me'))).rejects.toMatchObject({ status: 401 });
    const [mine] = await tablet.sessions();
    await tablet.endSession(mine!.id);
    await expect(tablet.sessions()).rejects.toMatchObject({ status: 401 });
  });

  it('says which push services the server has, registers this device for push and stops it', async () => {
    const phone = new ParleyClient({ url: `http://127.0.0.1:${apiPort}`, WebSocket: WebSocket as never });
    await phone.register({ email: 'eve@client.test', username: 'eve_client', password: 'correct horse battery' });
    // The embedded default delivers to no push service (pushes go to the log).
    expect(await phone.pushConfig()).toEqual({ webPushPublicKey: null, kinds: [] });
    await phone.registerPush({ kind: 'fcm', token: 'eve-phone-fcm-token' });
    await expect(phone.registerPush({ kind: 'apns', token: 'not a token' })).rejects.toMatchObject({ status: 422 });
    await phone.stopPush();
  });
});
