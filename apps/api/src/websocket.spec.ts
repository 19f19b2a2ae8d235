import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameConformance } from '@parley/adapter-http/testkit';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, TEST_SECRET, type Client } from './test-server.js';

let api: RunningApi;
let ann: Client;
let bob: Client;
let dm: string;
/** Every frame the server sent, and every command it acknowledged, checked against /api/asyncapi.json. */
let conformance: FrameConformance;
const violations: string[] = [];
const conforms = (check: () => void) => {
  try {
    check();
  } catch (error) {
    violations.push((error as Error).message);
  }
};

beforeAll(async () => {
  api = await startTestApi({
    WS_MAX_FRAME_BYTES: '2048',
    WS_COMMANDS_PER_SECOND: '5',
    WS_AUTH_TIMEOUT_MS: '300',
    ADMIN_EMAILS: 'wsmod@example.test',
  });
  conformance = new FrameConformance((await call(api, 'GET', '/api/asyncapi.json')).body);
  ann = await signUp(api, 'ann');
  bob = await signUp(api, 'bob');
  dm = (
    await call(api, 'POST', '/api/v1/conversations', {
      token: ann.accessToken,
      body: { kind: 'direct', memberIds: [bob.userId] },
    })
  ).body.id;
});

afterAll(async () => api.stop());

/** A test client that records frames and can await one matching a predicate. */
class TestSocket {
  readonly frames: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly ws: WebSocket;
  closed: Promise<{ code: number; reason: string }>;
  private readonly sent = new Map<string, unknown>();

  constructor(url: string, headers: Record<string, string> = {}, protocols: string[] = []) {
    this.ws = new WebSocket(url, protocols, { headers });
    this.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      this.frames.push(frame);
      conforms(() => conformance.frame(frame));
      // A command the server accepted must be one the document describes (refused ones are tests of bad input).
      if (frame.type === 'ack' && this.sent.has(frame.id)) conforms(() => conformance.command(this.sent.get(frame.id)));
    });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static async open(token: string): Promise<TestSocket> {
    const socket = new TestSocket(`${api.url.replace('http', 'ws')}/ws?token=${token}`);
    await socket.next((f) => f.type === 'ready');
    return socket;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async next(match: (frame: any) => boolean, ms = 3000): Promise<any> {
    const end = Date.now() + ms;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > end) throw new Error(`no matching frame; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  send(frame: unknown): void {
    if (frame && typeof frame === 'object' && 'id' in frame) this.sent.set(String(frame.id), frame);
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }
}

describe('WebSocket gateway', () => {
  it('closes with 4401 when the token is missing or bad', async () => {
    for (const url of ['/ws', '/ws?token=garbage']) {
      const socket = new TestSocket(`${api.url.replace('http', 'ws')}${url}`);
      expect((await socket.closed).code).toBe(4401);
    }
  });

  it('closes the sockets of a session with 4401 when it signs out, and only those', async () => {
    const cat = await signUp(api, 'cat');
    const other = await call(api, 'POST', '/api/v1/auth/login', {
      body: { login: 'cat', password: 'correct horse battery' },
    });
    const ending = await TestSocket.open(cat.accessToken);
    const staying = await TestSocket.open(other.body.accessToken);
    expect((await call(api, 'DELETE', '/api/v1/auth/logout', { token: cat.accessToken })).status).toBe(204);
    expect(await ending.closed).toEqual({ code: 4401, reason: 'session_revoked' });
    staying.send({ id: 'p', type: 'ping' });
    await staying.next((f) => f.type === 'pong');
    expect(staying.ws.readyState).toBe(WebSocket.OPEN);
    staying.ws.close();
  });

  it(
    'closes a socket with 4401 within a second or so of its token expiring, unless it re-authenticated in ' + 'time',
    async () => {
      // The same session's claims, signed to expire in two seconds (the server's shortest TTL is 30 s).
      const claims = jwt.decode(ann.accessToken) as jwt.JwtPayload;
      const shortLived = () =>
        jwt.sign(
          { ...claims, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 2 },
          TEST_SECRET,
        );
      const expiring = await TestSocket.open(shortLived());
      const renewed = await TestSocket.open(shortLived());
      renewed.send({ id: 'r', type: 'auth', token: ann.accessToken });
      await renewed.next((f) => f.type === 'ack' && f.id === 'r');
      const opened = Date.now();
      expect(await expiring.closed).toEqual({ code: 4401, reason: 'token expired' });
      expect(Date.now() - opened).toBeLessThan(4000);
      renewed.send({ id: 'p', type: 'ping' });
      await renewed.next((f) => f.type === 'pong');
      expect(renewed.ws.readyState).toBe(WebSocket.OPEN);
      renewed.ws.close();
    },
  );

  it(
    'answers frames with prototype keys, NUL or unpaired surrogates with validation_failed, storing ' + 'nothing',
    async () => {
      const a = await TestSocket.open(ann.accessToken);
      a.send('{"id":"v1","type":"message.send","conversationId":"' + dm + '","content":"x","__proto__":{"a":1}}');
      a.send({ id: 'v2', type: 'message.send', conversationId: dm, content: 'bad \u0000 text' });
      a.send({ id: 'v3', type: 'message.send', conversationId: dm, content: 'bad \ud800 text' });
      // Nested past the depth bound (this server takes frames of 2 KB; the default 64 KB allows 30,000 levels).
      a.send(`{"id":"v4","type":"message.send","conversationId":"${dm}","x":${'['.repeat(600)}${']'.repeat(600)}}`);
      for (const id of ['v1', 'v2', 'v3'])
        expect((await a.next((f) => f.id === id)).error.code).toBe('validation_failed');
      expect((await a.next((f) => f.id === 'v4')).error).toMatchObject({
        code: 'validation_failed',
        message: expect.stringContaining('is nested deeper than 32 levels'),
      });
      expect(a.frames.filter((f) => f.type === 'ack')).toEqual([]);
      a.ws.close();
    },
  );

  it('serialises each event once for all its sockets, and the frame says nothing viewer-specific', async () => {
    const group = (
      await call(api, 'POST', '/api/v1/conversations', {
        token: ann.accessToken,
        body: { kind: 'group', name: 'Frames', memberIds: [bob.userId] },
      })
    ).body.id;
    const sockets = await Promise.all([ann, bob, ann, bob].map((c) => TestSocket.open(c.accessToken)));
    const built = api.gateway.frames.built;
    const sent = await call(api, 'POST', `/api/v1/conversations/${group}/messages`, {
      token: ann.accessToken,
      body: { content: 'shared frame' },
    });
    await call(api, 'POST', `/api/v1/messages/${sent.body.id}/reactions`, {
      token: ann.accessToken,
      body: { emoji: '👍' },
    });
    await call(api, 'PATCH', `/api/v1/conversations/${group}/messages/${sent.body.id}`, {
      token: ann.accessToken,
      body: { content: 'shared frame, edited' },
    });
    for (const s of sockets)
      await s.next(
        (f) => f.type === 'event' && f.event.type === 'message.edited' && f.event.payload.message.id === sent.body.id,
      );
    const distinct = new Set(
      sockets.flatMap((s) => s.frames.filter((f) => f.type === 'event').map((f) => JSON.stringify(f))),
    );
    const delivered = sockets.reduce((n, s) => n + s.frames.filter((f) => f.type === 'event').length, 0);
    expect(delivered).toBeGreaterThanOrEqual(4 * 3);
    expect(api.gateway.frames.built - built, 'one frame per event, not per socket').toBeLessThanOrEqual(distinct.size);
    const edited = sockets[1]!.frames.find((f) => f.type === 'event' && f.event.type === 'message.edited');
    expect(edited.event.payload.message.reactions, "Ann's reaction is not Bob's").toEqual([
      { emoji: '👍', count: 1, mine: false },
    ]);
    for (const s of sockets) s.ws.close();
    await Promise.all(sockets.map((s) => s.closed));
    await new Promise((r) => setTimeout(r, 50)); // presence settles after the last close
  });

  it('accepts the token as a subprotocol, selecting parley.v1 and never echoing the token', async () => {
    const socket = new TestSocket(`${api.url.replace('http', 'ws')}/ws`, {}, [
      'parley.v1',
      `parley.bearer.${ann.accessToken}`,
    ]);
    await socket.next((f) => f.type === 'ready');
    expect(socket.ws.protocol).toBe('parley.v1');
    socket.ws.close();
  });

  it(
    'accepts the token in the first frame, and closes sockets that send anything else first or nothing in ' + 'time',
    async () => {
      const base = `${api.url.replace('http', 'ws')}/ws`;
      const good = new TestSocket(base);
      good.ws.on('open', () => good.send({ id: 'a', type: 'auth', token: ann.accessToken }));
      expect((await good.next((f) => f.type === 'ready')).userId).toBe(ann.userId);
      good.ws.close();
      const rude = new TestSocket(base);
      rude.ws.on('open', () => rude.send({ id: 'p', type: 'ping' }));
      expect(await rude.closed).toEqual({ code: 4401, reason: 'missing_token' });
      const silent = new TestSocket(base);
      expect(await silent.closed).toEqual({ code: 4401, reason: 'missing_token' });
      const forged = new TestSocket(base);
      forged.ws.on('open', () => forged.send({ id: 'a', type: 'auth', token: 'not.a.token' }));
      expect(await forged.closed).toEqual({ code: 4401, reason: 'invalid_token' });
    },
  );

  it('refuses a token in the query string where that is turned off (the production default)', async () => {
    const strict = await startTestApi({ WS_QUERY_TOKEN: 'false' });
    try {
      const user = await signUp(strict, 'quinn');
      const socket = new TestSocket(`${strict.url.replace('http', 'ws')}/ws?token=${user.accessToken}`);
      expect(await socket.closed).toEqual({ code: 4401, reason: 'query_token_disabled' });
      const header = new TestSocket(`${strict.url.replace('http', 'ws')}/ws`, {
        authorization: `Bearer ${user.accessToken}`,
      });
      await header.next((f) => f.type === 'ready');
      header.ws.close();
    } finally {
      await strict.stop();
    }
  });

  it('accepts the token in an Authorization header', async () => {
    const socket = new TestSocket(`${api.url.replace('http', 'ws')}/ws`, {
      authorization: `Bearer ${ann.accessToken}`,
    });
    await socket.next((f) => f.type === 'ready');
    socket.ws.close();
  });

  it('acknowledges a send and delivers it live, with conversationId and eventSeq', async () => {
    const a = await TestSocket.open(ann.accessToken);
    const b = await TestSocket.open(bob.accessToken);
    a.send({ id: 'c1', type: 'message.send', conversationId: dm, content: 'over the socket', clientMessageId: 'ws-1' });
    const ack = await a.next((f) => f.type === 'ack' && f.id === 'c1');
    expect(ack.result).toMatchObject({ created: true, message: { content: 'over the socket', seq: 1 } });
    const event = await b.next((f) => f.type === 'event' && f.event.type === 'message.created');
    expect(event.event).toMatchObject({
      conversationId: dm,
      eventSeq: expect.any(Number),
      payload: { message: { content: 'over the socket' } },
    });
    a.send({ id: 'c2', type: 'message.send', conversationId: dm, content: 'over the socket', clientMessageId: 'ws-1' });
    expect((await a.next((f) => f.id === 'c2')).result.created).toBe(false);
    a.ws.close();
    b.ws.close();
  });

  it('acknowledges a held send with its receipt, and tells the sender when a moderator approved it', async () => {
    const mod = await signUp(api, 'wsmod');
    const filter = await call(api, 'POST', '/api/v1/admin/filters', {
      token: mod.accessToken,
      body: { pattern: 'jackpot', action: 'hold' },
    });
    const a = await TestSocket.open(ann.accessToken);
    const b = await TestSocket.open(bob.accessToken);
    const frame = { type: 'message.send', conversationId: dm, content: 'jackpot!', clientMessageId: 'ws-held' };
    a.send({ id: 'h1', ...frame });
    const ack = (await a.next((f) => f.type === 'ack' && f.id === 'h1')).result;
    expect(ack).toMatchObject({ created: true, held: { state: 'held', clientMessageId: 'ws-held', messageId: null } });
    a.send({ id: 'h2', ...frame });
    expect((await a.next((f) => f.id === 'h2')).result).toMatchObject({ created: false, held: { id: ack.held.id } });
    const approved = await call(api, 'POST', `/api/v1/admin/held-messages/${ack.held.id}/approve`, {
      token: mod.accessToken,
      body: {},
    });
    expect(approved.status).toBe(200);
    const live = await b.next((f) => f.type === 'event' && f.event.payload?.message?.content === 'jackpot!');
    expect(live.event.payload.message.id).toBe(approved.body.message.id);
    const told = await a.next((f) => f.type === 'event' && f.event.type === 'message.reviewed');
    expect(told.event).toMatchObject({ heldId: ack.held.id, state: 'approved', messageId: approved.body.message.id });
    await call(api, 'DELETE', `/api/v1/admin/filters/${filter.body.id}`, { token: mod.accessToken });
    a.ws.close();
    b.ws.close();
  });

  it('relays typing and read receipts, and replays missed events on resume', async () => {
    const a = await TestSocket.open(ann.accessToken);
    const b = await TestSocket.open(bob.accessToken);
    a.send({ id: 't', type: 'typing.start', conversationId: dm });
    await b.next((f) => f.event?.type === 'typing.started' && f.event.userId === ann.userId);
    b.send({ id: 'r', type: 'read', conversationId: dm, seq: 1 });
    await a.next((f) => f.event?.type === 'receipt.updated' && f.event.payload.userId === bob.userId);
    b.send({ id: 'resume', type: 'resume', conversationId: dm, lastEventSeq: 0 });
    const replay = await b.next((f) => f.id === 'resume');
    expect(replay.result.events.map((e: { eventSeq: number }) => e.eventSeq)).toEqual(
      replay.result.events.map((_: unknown, i: number) => i + 1),
    );
    a.ws.close();
    b.ws.close();
  });

  it('answers malformed and unknown frames with error frames, not a crash', async () => {
    const a = await TestSocket.open(ann.accessToken);
    a.send('{not json');
    expect((await a.next((f) => f.type === 'error')).error.code).toBe('malformed_frame');
    a.send({ id: 'u', type: 'teleport' });
    expect((await a.next((f) => f.id === 'u')).error.code).toBe('unknown_command');
    a.send({ id: 'n', type: 'message.send', conversationId: 'not-mine', content: 'x' });
    expect((await a.next((f) => f.id === 'n')).error.code).toBe('conversation_not_found');
    // A frame with an id but no type: the error says which frame it answers.
    a.send({ id: 'no-type' });
    expect((await a.next((f) => f.id === 'no-type')).error.code).toBe('malformed_frame');
    // Shapes as the AsyncAPI document gives them: unknown fields and wrong types are refused, as over REST.
    a.send({ id: 'extra', type: 'ping', admin: true });
    expect((await a.next((f) => f.id === 'extra')).error).toMatchObject({
      code: 'validation_failed',
      message: 'admin is not allowed',
    });
    a.send({ id: 'typed', type: 'typing.start', conversationId: 42 });
    expect((await a.next((f) => f.id === 'typed')).error.code).toBe('validation_failed');
    a.send({ type: 'ping' });
    expect((await a.next((f) => f.type === 'error' && f.id === '')).error.message).toBe('id is required');
    a.ws.close();
  });

  it('limits commands per second per socket, and takes them again once the second is over', async () => {
    const a = await TestSocket.open(ann.accessToken);
    for (let i = 0; i < 8; i += 1) a.send({ id: `p${i}`, type: 'ping' });
    await a.next((f) => f.type === 'error' && f.error.code === 'rate_limited');
    await new Promise((r) => setTimeout(r, 1100));
    a.send({ id: 'later', type: 'ping' });
    expect((await a.next((f) => f.id === 'later')).type).toBe('pong');
    a.ws.close();
  });

  it('closes a socket that sends a frame above the size limit', async () => {
    const a = await TestSocket.open(ann.accessToken);
    a.send({ id: 'big', type: 'message.send', conversationId: dm, content: 'x'.repeat(4096) });
    expect((await a.closed).code).toBe(1009);
  });

  it('makes a user online while connected and offline with last-seen after', async () => {
    const presence = async () =>
      (await call(api, 'GET', `/api/v1/presence?userIds=${ann.userId}`, { token: bob.accessToken })).body.data[0];
    const a = await TestSocket.open(ann.accessToken);
    expect((await presence()).status).toBe('online');
    a.ws.close();
    await a.closed;
    await new Promise((r) => setTimeout(r, 50));
    const after = await presence();
    expect(after.status).toBe('offline');
    expect(after.lastSeenAt).toBeTruthy();
  });
});

describe('batched frames', () => {
  it('come to a parley.v2 client as one batch frame; a parley.v1 or older client gets each on its own', async () => {
    const url = `${api.url.replace('http', 'ws')}/ws`;
    const v2 = new TestSocket(url, {}, ['parley.v2', `parley.bearer.${bob.accessToken}`]);
    const v1 = new TestSocket(url, {}, ['parley.v1', `parley.bearer.${bob.accessToken}`]);
    const old = new TestSocket(`${url}?token=${bob.accessToken}`);
    for (const socket of [v2, v1, old]) await socket.next((f) => f.type === 'ready');
    expect([v2.ws.protocol, v1.ws.protocol, old.ws.protocol]).toEqual(['parley.v2', 'parley.v1', '']);
    const ids: string[] = [];
    for (const content of ['one', 'two', 'three'])
      ids.push(
        (await call(api, 'POST', `/api/v1/conversations/${dm}/messages`, { token: ann.accessToken, body: { content } }))
          .body.id,
      );
    // Three forwards stored in one request: their events are published close together, some in one turn.
    const forwarded = await call(api, 'POST', '/api/v1/forwards', {
      token: ann.accessToken,
      body: { conversationId: dm, messageIds: ids },
    });
    expect(forwarded.status).toBe(201);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const events = (frames: any[]) =>
      frames
        .flatMap((f) => (f.type === 'batch' ? f.frames : [f]))
        .filter((f) => f.type === 'event' && f.event.type === 'message.created')
        .map((f) => f.event.eventSeq);
    await v1.next(() => events(v1.frames).length >= 6);
    await v2.next(() => events(v2.frames).length >= 6);
    await old.next(() => events(old.frames).length >= 6);
    expect(events(v2.frames)).toEqual(events(v1.frames));
    expect(events(old.frames)).toEqual(events(v1.frames));
    const batch = v2.frames.find((f) => f.type === 'batch');
    expect(batch?.frames.length).toBeGreaterThanOrEqual(2);
    expect(batch.frames.every((f: { type: string }) => f.type === 'event')).toBe(true);
    expect([...v1.frames, ...old.frames].some((f) => f.type === 'batch')).toBe(false);
    for (const socket of [v2, v1, old]) socket.ws.close();
  });
});

describe('graceful shutdown', () => {
  it('closes open sockets with 1001', async () => {
    const own = await startTestApi();
    const user = await signUp(own, 'zed');
    const socket = new TestSocket(`${own.url.replace('http', 'ws')}/ws?token=${user.accessToken}`);
    await socket.next((f) => f.type === 'ready');
    await own.stop();
    expect((await socket.closed).code).toBe(1001);
  });
});

describe('the AsyncAPI document', () => {
  it('describes every frame the gateway sent and every command it accepted in the tests above', () => {
    expect(violations).toEqual([]);
    expect(conformance.checked).toBeGreaterThan(50);
  });
});
