import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';

/**
 * The hot path (send, history page, read mark without Express) must answer exactly as the Express routes do.
 * Each request below goes to the API (hot path first) and to a second server on the same application that has
 * Express only; the answers are compared, and a count of what reached Express says which edge answered.
 */
let api: RunningApi;
let expressOnly: Server;
let expressUrl: string;
let reachedExpress = 0;
let ann: Client;
let bob: Client;
let outsider: Client;
let dm: string;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A raw HTTP request (fetch cannot send HEAD bodies, chunked bodies or bad framing the way a client may). */
function send(
  base: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; chunked?: boolean } = {},
): Promise<Answer> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    const headers: Record<string, string | number> = { ...options.headers };
    if (body && !options.chunked) headers['content-length'] = body.length;
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const kept = Object.entries(res.headers).filter(([name]) => !['date', 'x-request-id'].includes(name));
        resolve({
          status: res.statusCode!,
          headers: Object.fromEntries(kept.map(([n, v]) => [n, String(v)])),
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

/** The same request to both edges; returns both answers and whether the API's answer came from Express. */
async function both(method: string, path: string, options: Parameters<typeof send>[3] = {}) {
  const before = reachedExpress;
  const hot = await send(api.url, method, path, options);
  const viaExpress = reachedExpress > before;
  const plain = await send(expressUrl, method, path, options);
  return { hot, plain, viaExpress };
}

const bearer = (c: Client) => ({ authorization: `Bearer ${c.accessToken}` });
const json = (c: Client) => ({ ...bearer(c), 'content-type': 'application/json' });

beforeAll(async () => {
  api = await startTestApi({ SEND_RATE_PER_SECOND: '1000' });
  // Express's app calls its own `handle` with every request it is given: counted here.
  const app = api.app as unknown as { handle: (...args: unknown[]) => unknown };
  const handle = app.handle.bind(app);
  app.handle = (...args) => {
    reachedExpress += 1;
    return handle(...args);
  };
  expressOnly = createServer(api.app);
  await new Promise<void>((resolve) => expressOnly.listen(0, '127.0.0.1', resolve));
  expressUrl = `http://127.0.0.1:${(expressOnly.address() as AddressInfo).port}`;
  [ann, bob, outsider] = [await signUp(api, 'ann'), await signUp(api, 'bob'), await signUp(api, 'outsider')];
  dm = (
    await call(api, 'POST', '/api/v1/conversations', {
      token: ann.accessToken,
      body: { kind: 'direct', memberIds: [bob.userId] },
    })
  ).body.id;
  for (let i = 0; i < 30; i += 1)
    await call(api, 'POST', `/api/v1/conversations/${dm}/messages`, {
      token: ann.accessToken,
      body: { content: `m${i}` },
    });
});

afterAll(async () => {
  await new Promise((resolve) => expressOnly.close(resolve));
  await api.stop();
});

describe('the hot path', () => {
  it('answers history pages, bad queries and strangers as Express does, without Express', async () => {
    for (const query of ['?limit=10&before=20', '?after=3&limit=5', '', '?limit=abc', '?limit=10&color=red']) {
      const { hot, plain, viaExpress } = await both('GET', `/api/v1/conversations/${dm}/messages${query}`, {
        headers: bearer(bob),
      });
      expect(viaExpress, query).toBe(false);
      expect(hot, query).toEqual(plain);
    }
    const stranger = await both('GET', `/api/v1/conversations/${dm}/messages`, { headers: bearer(outsider) });
    expect(stranger.hot.status).toBeGreaterThanOrEqual(403);
    expect(stranger.hot).toEqual(stranger.plain);
    const anonymous = await both('GET', `/api/v1/conversations/${dm}/messages`);
    expect([anonymous.hot.status, anonymous.viaExpress]).toEqual([401, false]);
    expect(anonymous.hot).toEqual(anonymous.plain);
  });

  it('sends as Express does: new, retried, refused; with the same headers', async () => {
    const path = `/api/v1/conversations/${dm}/messages`;
    const first = await send(api.url, 'POST', path, {
      headers: json(ann),
      body: '{"content":"hot","clientMessageId":"h1"}',
    });
    const second = await send(expressUrl, 'POST', path, {
      headers: json(ann),
      body: '{"content":"hot","clientMessageId":"h2"}',
    });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(Object.keys(first.headers).sort()).toEqual(Object.keys(second.headers).sort());
    expect(Object.keys(JSON.parse(first.body)).sort()).toEqual(Object.keys(JSON.parse(second.body)).sort());
    expect(JSON.parse(second.body).seq).toBe(JSON.parse(first.body).seq + 1);
    const bodies = [
      '{"content":"hot","clientMessageId":"h1"}', // a retry: the original, 200
      '{"content":"x","__proto__":{"admin":true}}',
      '{"content":""}',
      '{"content":"x"',
      '"just a string"',
      '[]',
    ];
    for (const body of bodies) {
      const { hot, plain, viaExpress } = await both('POST', path, { headers: json(ann), body });
      expect(viaExpress, body).toBe(false);
      expect(hot, body).toEqual(plain);
    }
    // A byte-order mark is dropped, as express.json drops it: sent on the hot path, retried on Express.
    const marked = '\ufeff{"content":"with a byte-order mark","clientMessageId":"h3"}';
    const [fresh, retried] = [
      await send(api.url, 'POST', path, { headers: json(ann), body: marked }),
      await send(expressUrl, 'POST', path, { headers: json(ann), body: marked }),
    ];
    expect([fresh.status, retried.status]).toEqual([201, 200]);
    expect(JSON.parse(retried.body).id).toBe(JSON.parse(fresh.body).id);
    const mismatch = await both('POST', path, {
      headers: { ...json(ann), 'idempotency-key': 'k1' },
      body: '{"content":"x","clientMessageId":"k2"}',
    });
    expect(mismatch.hot.status).toBe(422);
    expect(mismatch.hot).toEqual(mismatch.plain);
    const byHeader = await send(api.url, 'POST', path, {
      headers: { ...json(ann), 'idempotency-key': 'k3' },
      body: '{"content":"x"}',
    });
    const again = await send(expressUrl, 'POST', path, {
      headers: { ...json(ann), 'idempotency-key': 'k3' },
      body: '{"content":"x"}',
    });
    expect([byHeader.status, again.status]).toEqual([201, 200]);
    expect(JSON.parse(again.body).id).toBe(JSON.parse(byHeader.body).id);
    const stranger = await both('POST', path, { headers: json(outsider), body: '{"content":"x"}' });
    expect(stranger.hot).toEqual(stranger.plain);
  });

  it('marks read as Express does', async () => {
    const page = JSON.parse(
      (await send(api.url, 'GET', `/api/v1/conversations/${dm}/messages?limit=1`, { headers: bearer(bob) })).body,
    );
    const id = page.data[0].id as string;
    // The first mark moves (and says so); the same mark again, on the other edge, does not.
    const without = (a: Answer) => ({
      ...a,
      headers: { ...a.headers, 'content-length': '' },
      body: { ...JSON.parse(a.body), moved: null },
    });
    for (const body of [undefined, '{"kind":"delivered"}', '{"kind":"seen"}' /* not a kind: 422 */]) {
      const { hot, plain, viaExpress } = await both('POST', `/api/v1/messages/${id}/read`, {
        headers: body === undefined ? bearer(bob) : json(bob),
        ...(body === undefined ? {} : { body }),
      });
      expect(viaExpress, body).toBe(false);
      if (body === undefined)
        expect([JSON.parse(hot.body).moved, JSON.parse(plain.body).moved], body).toEqual([true, false]);
      expect(without(hot), body).toEqual(without(plain));
    }
  });

  it('leaves to Express what it would not take exactly as Express does', async () => {
    const path = `/api/v1/conversations/${dm}/messages`;
    const cases: [string, string, Parameters<typeof send>[3]][] = [
      ['browser (CORS)', path, { headers: { ...bearer(bob), origin: 'https://elsewhere.example' } }],
      ['trailing slash', `${path}/`, { headers: bearer(bob) }],
      [
        'percent-escaped id',
        path.replace(dm, `%${dm.charCodeAt(0).toString(16)}${dm.slice(1)}`),
        { headers: bearer(bob) },
      ],
      ['HEAD', path, { headers: bearer(bob) }],
    ];
    for (const [name, where, options] of cases) {
      const { hot, plain, viaExpress } = await both(name === 'HEAD' ? 'HEAD' : 'GET', where, options);
      expect(viaExpress, name).toBe(true);
      expect(hot, name).toEqual(plain);
    }
    const bodies: [string, Parameters<typeof send>[3], number][] = [
      ['text/plain', { headers: { ...bearer(ann), 'content-type': 'text/plain' }, body: '{"content":"x"}' }, 415],
      ['chunked', { headers: json(ann), body: '{"content":"chunked","clientMessageId":"c1"}', chunked: true }, 201],
      ['over the limit', { headers: json(ann), body: JSON.stringify({ content: 'x'.repeat(300 * 1024) }) }, 413],
      ['gzip', { headers: { ...json(ann), 'content-encoding': 'gzip' }, body: 'not gzip' }, 400],
    ];
    for (const [name, options, status] of bodies) {
      const before = reachedExpress;
      const answer = await send(api.url, 'POST', path, options);
      expect(reachedExpress, name).toBe(before + 1);
      expect(answer.status, `${name}: ${answer.body}`).toBe(status);
    }
  });

  it('logs and measures what it answers as Express does: the route, the status, messages sent', async () => {
    const metrics = async () => (await send(api.url, 'GET', '/metrics')).body;
    const count = (text: string, pattern: RegExp) => Number(text.match(pattern)?.[1] ?? 0);
    const sent = 'method="POST",route="/conversations/:cid/messages",status="201"';
    const sendsOf = (text: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`parley_http_request_duration_seconds_count{${sent}}`))
          ?.split(' ')[1] ?? 0,
      );
    const before = await metrics();
    const path = `/api/v1/conversations/${dm}/messages`;
    await send(api.url, 'POST', path, { headers: json(bob), body: '{"content":"counted"}' });
    await send(expressUrl, 'POST', path, { headers: json(bob), body: '{"content":"counted too"}' });
    const after = await metrics();
    expect(sendsOf(after) - sendsOf(before)).toBe(2);
    expect(count(after, /parley_messages_sent_total (\d+)/) - count(before, /parley_messages_sent_total (\d+)/)).toBe(
      2,
    );
  });

  it('lets a client that hangs up halfway through its body go, and goes on answering', async () => {
    const { port } = new URL(api.url);
    for (let i = 0; i < 5; i += 1) {
      const socket = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/v1/conversations/${dm}/messages HTTP/1.1\r\nhost: x\r\n` +
          `authorization: Bearer ${ann.accessToken}\r\n` +
          'content-type: application/json\r\ncontent-length: 100\r\n\r\n{"content":"cut',
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket.destroy();
    }
    const after = await send(api.url, 'GET', `/api/v1/conversations/${dm}/messages?limit=1`, { headers: bearer(bob) });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).data[0].content).not.toBe('cut');
  });

  it('counts every request against the address limit and filters addresses, as Express does', async () => {
    const limited = await startTestApi({ REQUESTS_PER_IP_PER_MINUTE: '3' });
    const blocked = await startTestApi({ IP_BLOCK: '127.0.0.0/8' });
    try {
      const path = `/api/v1/conversations/nowhere/messages`;
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await send(limited.url, 'GET', path)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const refused = await send(blocked.url, 'GET', path);
      expect([refused.status, JSON.parse(refused.body).error.code]).toEqual([403, 'ip_not_allowed']);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
    } finally {
      await Promise.all([limited.stop(), blocked.stop()]);
    }
  });
});
