import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteSpec } from '@parley/adapter-http';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, TEST_SECRET, type Client } from './test-server.js';
import { sampleRequest, type SampleIds } from './route-samples.js';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string;
}
interface Router {
  stack: Layer[];
}

/** Walks Express's router stack: every method + path it answers, with params written OpenAPI-style. */
function servedRoutes(stack: Layer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}');
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m} ${path}`);
    }
    return layer.handle?.stack ? servedRoutes(layer.handle.stack, `${prefix}${layer.rawPath ?? ''}`) : [];
  });
}

let api: RunningApi;
let owner: Client;
let outsider: Client;
let ids: SampleIds;

beforeAll(async () => {
  api = await startTestApi();
  owner = await signUp(api, 'owner');
  const friend = await signUp(api, 'friend');
  outsider = await signUp(api, 'outsider');
  const conversation = await call(api, 'POST', '/api/v1/conversations', {
    token: owner.accessToken,
    body: { kind: 'group', name: 'Secret', memberIds: [friend.userId] },
  });
  const message = await call(api, 'POST', `/api/v1/conversations/${conversation.body.id}/messages`, {
    token: owner.accessToken,
    body: { content: 'classified' },
  });
  const media = await call(api, 'POST', '/api/v1/media/upload', {
    token: owner.accessToken,
    body: { filename: 'a.png', contentType: 'image/png', size: 10 },
  });
  ids = { cid: conversation.body.id, mid: message.body.id, uid: friend.userId, media: media.body.id };
});

afterAll(async () => api.stop());

const sample = (route: RouteSpec) => sampleRequest(route, ids);

const protectedRoutes = () => routeTable({ modules: api.parley } as never).filter((r) => r.auth !== false);

describe('OpenAPI document', () => {
  it('documents every route the Express app actually serves', async () => {
    const doc = (await call(api, 'GET', '/api/openapi.json')).body;
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m} ${p}`),
      ),
    );
    const served = servedRoutes((api.app as unknown as { router: Router }).router.stack, '');
    expect(served.length).toBeGreaterThan(50);
    for (const route of served) expect(documented, `${route} is served but not documented`).toContain(route);
  });

  it('is served with Swagger UI', async () => {
    const page = await fetch(`${api.url}/api/docs/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
  });
});

describe('authorization on every protected route', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const forged = () => {
    const claims = { sub: owner.userId, role: 'admin', sid: 'x', iss: 'parley', aud: 'parley-clients' };
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    return {
      'no token': undefined,
      'an expired token': jwt.sign({ ...claims, iat: now() - 3600, exp: now() - 1800 }, TEST_SECRET, {
        algorithm: 'HS256',
      }),
      'a token signed with another key': jwt.sign({ ...claims, exp: now() + 600 }, 'another-key-'.padEnd(48, 'z'), {
        algorithm: 'HS256',
      }),
      'an alg:none token': `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: now() + 600 })}.`,
      garbage: 'not.a.token',
    };
  };

  it('answers 401 with no data for missing, expired, foreign, unsigned and garbage tokens', async () => {
    for (const route of protectedRoutes()) {
      const { path, body } = sample(route);
      for (const [label, token] of Object.entries(forged())) {
        const r = await call(api, route.method.toUpperCase(), path, { token, body });
        expect(r.status, `${route.method} ${route.path} with ${label}`).toBe(401);
        expect(Object.keys(r.body ?? {}), `${route.method} ${route.path} body`).toEqual(['error']);
      }
    }
  });

  it('never gives a non-member anything about a conversation, its messages or its media', async () => {
    const scoped = protectedRoutes().filter(
      (r) => /:(cid|id)/.test(r.path) && /^\/(conversations|messages|media)\//.test(r.path),
    );
    expect(scoped.length).toBeGreaterThan(15);
    for (const route of scoped) {
      const { path, body } = sample(route);
      const r = await call(api, route.method.toUpperCase(), path, { token: outsider.accessToken, body });
      expect(r.status, `${route.method} ${route.path}`).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('classified');
    }
    // A batch forward names its messages in the body: one the outsider cannot see forwards nothing.
    const own = await call(api, 'POST', '/api/v1/conversations', {
      token: outsider.accessToken,
      body: { kind: 'group', name: 'mine' },
    });
    const batch = await call(api, 'POST', '/api/v1/forwards', {
      token: outsider.accessToken,
      body: { conversationId: own.body.id, messageIds: [ids.mid] },
    });
    expect([batch.status, JSON.stringify(batch.body).includes('classified')]).toEqual([404, false]);
    const mine = await call(api, 'GET', `/api/v1/conversations/${own.body.id}/messages`, {
      token: outsider.accessToken,
    });
    expect(mine.body.data).toEqual([]);
  });

  it('keeps ordinary users out of every admin route, also with their own id', async () => {
    const admin = protectedRoutes().filter((r) => r.path.startsWith('/admin/'));
    expect(admin.length).toBeGreaterThan(15);
    for (const route of admin) {
      const { path, body } = sample(route);
      for (const target of [path, path.replace(ids.uid!, outsider.userId)]) {
        const r = await call(api, route.method.toUpperCase(), target, { token: outsider.accessToken, body });
        expect([r.status, r.body?.error?.code], `${route.method} ${target}`).toEqual([403, 'staff_only']);
      }
    }
    expect(
      (await call(api, 'GET', '/api/v1/auth/me', { token: outsider.accessToken })).status,
      'the account is intact',
    ).toBe(200);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use and a replayed one revokes the family', async () => {
    const user = await signUp(api, 'rotator');
    const first = await call(api, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    const replay = await call(api, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } });
    expect([replay.status, replay.body.error.code]).toEqual([401, 'refresh_token_reused']);
    const afterReplay = await call(api, 'POST', '/api/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(afterReplay.status).toBe(401);
  });

  it('logout revokes the session', async () => {
    const user = await signUp(api, 'leaver');
    expect((await call(api, 'DELETE', '/api/v1/auth/logout', { token: user.accessToken })).status).toBe(204);
    expect(
      (await call(api, 'POST', '/api/v1/auth/refresh', { body: { refreshToken: user.refreshToken } })).status,
    ).toBe(401);
  });
});

describe('bad input', () => {
  it(
    'gets 400 for malformed JSON, 415 for other media types, 413 for huge bodies, 422 for unknown ' + 'fields',
    async () => {
      const post = (raw: string, headers: Record<string, string>) =>
        call(api, 'POST', `/api/v1/conversations/${ids.cid}/messages`, { token: owner.accessToken, raw, headers });
      expect((await post('{"content":', { 'content-type': 'application/json' })).body.error.code).toBe(
        'malformed_json',
      );
      expect((await post('content=hi', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect(
        (await post(JSON.stringify({ content: 'x'.repeat(300_000) }), { 'content-type': 'application/json' })).status,
      ).toBe(413);
      const mass = await call(api, 'POST', `/api/v1/conversations/${ids.cid}/messages`, {
        token: owner.accessToken,
        body: { content: 'hi', senderId: outsider.userId, seq: 99 },
      });
      expect(mass.status).toBe(422);
      expect(mass.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['senderId', 'seq']);
    },
  );

  it('rejects prototype keys at any depth, NUL and unpaired surrogates with 422 validation_failed', async () => {
    const send = (raw: string) =>
      call(api, 'POST', `/api/v1/conversations/${ids.cid}/messages`, {
        token: owner.accessToken,
        raw,
        headers: { 'content-type': 'application/json' },
      });
    const cases: [string, string][] = [
      ['{"content":"x","__proto__":{"isAdmin":true}}', '__proto__'],
      ['{"content":"x","constructor":{"prototype":{"a":1}}}', 'constructor'],
      ['{"content":"x","metadata":{"__proto__":{"a":1}}}', 'metadata.__proto__'],
      ['{"content":"nul \\u0000 inside"}', 'content'],
      ['{"content":"lone \\ud800 high"}', 'content'],
      ['{"content":"lone \\udc00 low"}', 'content'],
    ];
    for (const [raw, field] of cases) {
      const r = await send(raw);
      expect([r.status, r.body.error.code, r.body.error.details[0].field], raw).toEqual([
        422,
        'validation_failed',
        field,
      ]);
    }
    // Nested 5,000 levels deep (a stack overflow, once): refused at the depth bound, nothing walked further.
    const deep = await send(`{"content":"x","metadata":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    expect([deep.status, deep.body.error.code, deep.body.error.message]).toEqual([
      422,
      'validation_failed',
      `metadata${'.a'.repeat(32)} is nested deeper than 32 levels`,
    ]);
    const ok = await send(JSON.stringify({ content: 'a pair is fine: 😀 \ud83d\ude00' }));
    expect(ok.status).toBe(201);
    const search = await call(api, 'GET', `/api/v1/users?q=${encodeURIComponent('a\u0000')}`, {
      token: owner.accessToken,
    });
    expect([search.status, search.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it(
    'pages history with the cursor it returned (which wins over before/after), and refuses made-up ' + 'cursors',
    async () => {
      const base = `/api/v1/conversations/${ids.cid}/messages`;
      for (let i = 0; i < 3; i += 1)
        await call(api, 'POST', base, { token: owner.accessToken, body: { content: `page ${i}` } });
      const first = await call(api, 'GET', `${base}?limit=1`, { token: owner.accessToken });
      const second = await call(api, 'GET', `${base}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`, {
        token: owner.accessToken,
      });
      expect(second.body.data[0].seq).toBe(first.body.data[0].seq - 1);
      const mixed = await call(
        api,
        'GET',
        `${base}?limit=1&before=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
        { token: owner.accessToken },
      );
      expect(mixed.body.data[0].seq).toBe(second.body.data[0].seq);
      for (const query of ['cursor=forged', 'cursor=b.', 'cursor=x.1']) {
        const r = await call(api, 'GET', `${base}?${query}`, { token: owner.accessToken });
        expect([r.status, r.body.error.code], query).toEqual([422, 'validation_failed']);
      }
    },
  );

  it('takes an update that names fields but changes nothing as a no-op, and refuses one that names none', async () => {
    const before = await call(api, 'GET', `/api/v1/conversations/${ids.cid}`, { token: owner.accessToken });
    const same = await call(api, 'PATCH', `/api/v1/conversations/${ids.cid}`, {
      token: owner.accessToken,
      body: { settings: {} },
    });
    expect([same.status, same.body.updatedAt]).toEqual([200, before.body.updatedAt]);
    const none = await call(api, 'PATCH', `/api/v1/conversations/${ids.cid}`, { token: owner.accessToken, body: {} });
    expect([none.status, none.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const r = await call(api, 'GET', '/api/v1/nope');
    expect([r.status, r.body.error.code]).toEqual([404, 'route_not_found']);
  });

  it('limits login attempts per address and account, with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i += 1) {
      const r = await call(api, 'POST', '/api/v1/auth/login', { body: { login: 'owner', password: 'wrong password' } });
      statuses.push(r.status);
      retryAfter ??= r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('accepts the Idempotency-Key header as the client message id', async () => {
    const send = () =>
      call(api, 'POST', `/api/v1/conversations/${ids.cid}/messages`, {
        token: owner.accessToken,
        body: { content: 'once' },
        headers: { 'idempotency-key': 'k-1' },
      });
    const [first, second] = [await send(), await send()];
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
  });
});

describe('operations', () => {
  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await call(api, 'GET', '/health')).body).toEqual({ status: 'ok' });
    expect((await call(api, 'GET', '/ready')).status).toBe(200);
    const metrics = await call(api, 'GET', '/metrics');
    expect(metrics.body).toContain('parley_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('parley_messages_sent_total');
    expect(metrics.body).toContain('parley_ws_open_sockets');
  });
});

describe('CORS', () => {
  it('answers browsers from allowed origins only, and says Vary: Origin to every client', async () => {
    const cors = await startTestApi({ CORS_ORIGINS: 'https://app.example' });
    try {
      const preflight = await fetch(`${cors.url}/api/v1/conversations`, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const allowed = await call(cors, 'GET', '/health', { headers: { origin: 'https://app.example' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
      const foreign = await call(cors, 'GET', '/health', { headers: { origin: 'https://evil.example' } });
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
      const bareOptions = await fetch(`${cors.url}/api/v1/media/upload`, { method: 'OPTIONS' });
      expect(bareOptions.status).toBe(204);
      expect(bareOptions.headers.get('allow')).toBeNull();
      const noBrowser = await call(cors, 'GET', '/health');
      expect(noBrowser.headers.get('access-control-allow-origin')).toBeNull();
      for (const r of [allowed, foreign, noBrowser]) expect(r.headers.get('vary')).toMatch(/origin/i);
      expect(noBrowser.headers.get('x-content-type-options')).toBe('nosniff');
      expect(noBrowser.headers.get('x-powered-by')).toBeNull();
    } finally {
      await cors.stop();
    }
  });
});

describe('/metrics', () => {
  it('needs METRICS_TOKEN when one is set, and is not served at all in production without one', async () => {
    const guarded = await startTestApi({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      expect((await call(guarded, 'GET', '/metrics')).status).toBe(401);
      expect((await call(guarded, 'GET', '/metrics', { token: 'wrong-token-0123456789' })).status).toBe(401);
      const ok = await call(guarded, 'GET', '/metrics', { token: 'metrics-token-0123456789' });
      expect([ok.status, String(ok.body)]).toEqual([
        200,
        expect.stringContaining('parley_http_request_duration_seconds'),
      ]);
    } finally {
      await guarded.stop();
    }
    const production = await startTestApi({
      NODE_ENV: 'production',
      BLOB_URL_SECRET: 'b'.repeat(40),
      CORS_ORIGINS: 'https://chat.example.com',
      BCRYPT_ROUNDS: '10',
    });
    try {
      expect((await call(production, 'GET', '/metrics')).status).toBe(404);
      expect((await call(production, 'GET', '/health')).status).toBe(200);
    } finally {
      await production.stop();
    }
  });
});

describe('IP lists', () => {
  it('refuses blocked addresses, and everyone outside an allow list', async () => {
    const blocked = await startTestApi({ IP_BLOCK: '127.0.0.0/8' });
    const allowOnly = await startTestApi({ IP_ALLOW: '10.1.2.3' });
    const allowed = await startTestApi({ IP_ALLOW: '127.0.0.1' });
    try {
      expect((await call(blocked, 'GET', '/health')).body.error.code).toBe('ip_not_allowed');
      expect((await call(allowOnly, 'GET', '/health')).status).toBe(403);
      expect((await call(allowed, 'GET', '/health')).status).toBe(200);
    } finally {
      await Promise.all([blocked.stop(), allowOnly.stop(), allowed.stop()]);
    }
  });
});
