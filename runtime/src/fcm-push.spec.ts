import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FcmSender } from '@parley/adapter-push';
import { pushHarness } from './push.fixtures.js';

/**
 * FCM HTTP v1 end to end against a stand-in for Google: a token endpoint that checks the service account's signed
 * assertion (RS256, issuer, audience, scope, lifetime, key id) before it issues an access token, and a send
 * endpoint that takes only a token it issued and checks the v1 message's shape as FCM does (known fields only,
 * data values strings, Android collapse key, tag, badge count and TTL).
 */
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const account = {
  project_id: 'parley-test',
  client_email: 'push@parley-test.iam.gserviceaccount.com',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  private_key_id: 'key-1',
  token_uri: '',
};

interface Device {
  /** What FCM answers for this device's token: 200, or an error status with its FcmError code. */
  answer: { status: number; errorCode?: string; badRequest?: boolean };
  received: Record<string, unknown>[];
}
const devices = new Map<string, Device>();
const issued = new Set<string>();
const problems: string[] = [];
let exchanges = 0;
let server: Server;
let origin = '';

const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
};

/** What Google's token endpoint checks of a JWT bearer assertion (RFC 7523). */
function assertionProblem(form: URLSearchParams): string | null {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return 'grant_type';
  try {
    const decoded = jwt.verify(form.get('assertion') ?? '', publicKey, {
      algorithms: ['RS256'],
      issuer: account.client_email,
      audience: account.token_uri,
      complete: true,
    });
    const claims = decoded.payload as jwt.JwtPayload;
    if (decoded.header.kid !== account.private_key_id) return 'kid';
    if (claims.scope !== 'https://www.googleapis.com/auth/firebase.messaging') return 'scope';
    if (!claims.exp || !claims.iat || claims.exp - claims.iat > 3600) return 'lifetime';
    return null;
  } catch (error) {
    return `assertion: ${(error as Error).message}`;
  }
}

const MESSAGE_FIELDS = new Set(['name', 'data', 'notification', 'android', 'webpush', 'apns', 'fcm_options', 'token']);

/** What FCM checks of a v1 send request's body (the subset Parley uses). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the stand-in inspects whatever JSON arrived
function messageProblem(body: { message?: Record<string, any> }): string | null {
  const m = body.message;
  if (!m || typeof m.token !== 'string') return 'message.token';
  const unknown = Object.keys(m).filter((k) => !MESSAGE_FIELDS.has(k));
  if (unknown.length) return `unknown field ${unknown[0]}`;
  if (typeof m.notification?.title !== 'string' || typeof m.notification?.body !== 'string') return 'notification';
  if (Object.values(m.data ?? {}).some((v) => typeof v !== 'string')) return 'data values must be strings';
  const a = m.android;
  if (!a || typeof a.collapse_key !== 'string' || !['HIGH', 'NORMAL'].includes(a.priority)) return 'android';
  if (!/^\d+(\.\d+)?s$/.test(a.ttl)) return 'android.ttl';
  if (typeof a.notification?.tag !== 'string' || !Number.isInteger(a.notification?.notification_count))
    return 'android.notification';
  if (typeof m.apns?.headers?.['apns-collapse-id'] !== 'string') return 'apns.headers';
  return null;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await bodyOf(req);
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.method === 'POST' && req.url === '/token') {
      const problem = assertionProblem(new URLSearchParams(body));
      if (problem) {
        problems.push(problem);
        return json(400, { error: 'invalid_grant', error_description: problem });
      }
      exchanges += 1;
      const token = `ya29.${randomUUID()}`;
      issued.add(token);
      return json(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
    }
    if (req.method !== 'POST' || req.url !== `/v1/projects/${account.project_id}/messages:send`) return json(404, {});
    const bearer = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!issued.has(bearer)) return json(401, { error: { code: 401, status: 'UNAUTHENTICATED', message: 'token' } });
    const message = JSON.parse(body);
    const problem = req.headers['content-type'] === 'application/json' ? messageProblem(message) : 'content-type';
    if (problem) {
      problems.push(problem);
      return json(400, { error: { code: 400, status: 'INVALID_ARGUMENT', message: problem } });
    }
    const device = devices.get(message.message.token);
    if (!device) return json(404, fcmError(404, 'UNREGISTERED'));
    if (device.answer.status !== 200) {
      if (device.answer.badRequest)
        return json(400, {
          error: {
            code: 400,
            status: 'INVALID_ARGUMENT',
            details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest' }],
          },
        });
      return json(device.answer.status, fcmError(device.answer.status, device.answer.errorCode ?? 'INTERNAL'));
    }
    device.received.push(message.message);
    return json(200, { name: `projects/${account.project_id}/messages/${randomUUID()}` });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  account.token_uri = `${origin}/token`;
});

afterAll(async () => new Promise<void>((r) => server.close(() => r())));

const fcmError = (code: number, errorCode: string) => ({
  error: {
    code,
    status: code === 404 ? 'NOT_FOUND' : code === 400 ? 'INVALID_ARGUMENT' : 'UNAVAILABLE',
    details: [{ '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode }],
  },
});

async function setup() {
  const sender = new FcmSender({ serviceAccount: account, endpoint: origin });
  const harness = await pushHarness(sender);
  const phone = async (who: { id: string; sessionId: string }) => {
    const token = `fcm-${randomUUID()}:APA91b${randomUUID().replaceAll('-', '')}`;
    const device: Device = { answer: { status: 200 }, received: [] };
    devices.set(token, device);
    await harness.register(who, { kind: 'fcm', token });
    return Object.assign(device, { token });
  };
  return { ...harness, sender, phone };
}

describe('FCM HTTP v1 through a stand-in for Google', () => {
  it('exchanges the signed assertion once, then pushes each message once to each phone in the v1 shape', async () => {
    const before = exchanges;
    const { bob, bobDevice, phone, send, dm } = await setup();
    const [first, second] = [await phone(bob), await phone(await bobDevice())];
    const notify = await send('are you there?');
    expect(await notify()).toBe('ack');
    expect(await notify()).toBe('ack'); // delivered again by the broker: nothing pushed twice
    expect(await (await send('hello?'))()).toBe('ack');
    for (const device of [first, second]) {
      expect(device.received).toHaveLength(2);
      expect(device.received[1]).toMatchObject({
        token: device.token,
        notification: { body: 'hello?' },
        data: { conversationId: dm, mention: 'false', badge: '2' },
        android: { collapse_key: dm, notification: { tag: dm, notification_count: 2 } },
      });
    }
    expect(exchanges - before).toBe(1);
    expect(problems).toEqual([]);
  });

  it('pushes nothing to someone online, or for a conversation they muted', async () => {
    const { bob, online, mute, phone, send } = await setup();
    const device = await phone(bob);
    await online(bob, 'c1', 'connect');
    expect(await (await send('you are here'))()).toBe('ack');
    await online(bob, 'c1', 'disconnect');
    await mute();
    expect(await (await send('quiet please'))()).toBe('ack');
    expect(device.received).toEqual([]);
  });

  it('forgets UNREGISTERED and invalid tokens, keeps one whose message FCM refused, retries 5xx', async () => {
    const { bob, bobDevice, phone, send, targets } = await setup();
    const uninstalled = await phone(bob);
    const invalid = await phone(await bobDevice());
    const refused = await phone(await bobDevice());
    const flaky = await phone(await bobDevice());
    uninstalled.answer = { status: 404, errorCode: 'UNREGISTERED' };
    invalid.answer = { status: 400, errorCode: 'INVALID_ARGUMENT' };
    refused.answer = { status: 400, badRequest: true };
    flaky.answer = { status: 503, errorCode: 'UNAVAILABLE' };
    const notify = await send('anyone?');
    expect(await notify()).toBe('retry');
    expect(await targets()).toEqual([refused.token, flaky.token].sort());
    flaky.answer = refused.answer = { status: 200 };
    expect(await notify()).toBe('ack');
    expect(flaky.received.map((m) => (m.notification as { body: string }).body)).toEqual(['anyone?']);
    expect(refused.received).toHaveLength(1);
    expect(uninstalled.received).toEqual([]);
  });

  it('exchanges again when FCM no longer takes the access token', async () => {
    const { bob, phone, send } = await setup();
    const device = await phone(bob);
    expect(await (await send('one'))()).toBe('ack');
    issued.clear(); // revoked at Google
    const notify = await send('two');
    expect(await notify()).toBe('retry');
    expect(await notify()).toBe('ack');
    expect(device.received.map((m) => (m.notification as { body: string }).body)).toEqual(['one', 'two']);
  });
});
