import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createSecureServer,
  type Http2SecureServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
} from 'node:http2';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApnsSender } from '@parley/adapter-push';
import { pushHarness, selfSignedCertificate } from './push.fixtures.js';

/**
 * APNs end to end against a stand-in for Apple: an HTTP/2 server (TLS) that checks the provider token (ES256,
 * signed by the team's .p8 key, the key id and team it names, not older than an hour), the topic, push type,
 * priority, expiration and collapse id headers, and the payload (alert, badge, at most 4 KB), and answers per device
 * as Apple does: 200, 410 Unregistered, 400 BadDeviceToken, 5xx.
 */
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const apple = {
  teamId: 'TEAM123456',
  keyId: 'KEY1234567',
  key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  topic: 'chat.parley.ios',
};

/** What the stand-in reads of a push's JSON body. */
interface ApnsBody {
  aps: { alert: { title: string; body: string }; badge?: number; 'thread-id'?: string };
  conversationId?: string;
}

interface Device {
  /** What APNs answers: 200, or an error status and reason. */
  answer: { status: number; reason?: string };
  received: { headers: IncomingHttpHeaders; payload: ApnsBody }[];
}
const devices = new Map<string, Device>();
const problems: string[] = [];
const providerTokens = new Set<string>();
let expireTokensIssuedBefore = 0;
let server: Http2SecureServer;
const sessions = new Set<ServerHttp2Session>();
let cert: Buffer;
let origin = '';

/** What Apple checks of a request's headers; the reason it answers when one is wrong. */
function headerProblem(h: IncomingHttpHeaders): { status: number; reason: string } | null {
  const token = String(h.authorization ?? '').replace(/^bearer /, '');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(token, publicKey, { algorithms: ['ES256'], complete: true });
    if (decoded.header.kid !== apple.keyId) return { status: 403, reason: 'InvalidProviderToken' };
    claims = decoded.payload as jwt.JwtPayload;
  } catch {
    return { status: 403, reason: 'InvalidProviderToken' };
  }
  if (claims.iss !== apple.teamId) return { status: 403, reason: 'InvalidProviderToken' };
  const age = Date.now() / 1000 - (claims.iat ?? 0);
  if (age > 3600 || (claims.iat ?? 0) < expireTokensIssuedBefore)
    return { status: 403, reason: 'ExpiredProviderToken' };
  providerTokens.add(token);
  if (h['apns-topic'] !== apple.topic) return { status: 400, reason: 'DeviceTokenNotForTopic' };
  if (h['apns-push-type'] !== 'alert') return { status: 400, reason: 'InvalidPushType' };
  if (!['5', '10'].includes(String(h['apns-priority']))) return { status: 400, reason: 'BadPriority' };
  if (!/^\d+$/.test(String(h['apns-expiration']))) return { status: 400, reason: 'BadExpirationDate' };
  const collapse = String(h['apns-collapse-id'] ?? '');
  if (!collapse || Buffer.byteLength(collapse) > 64) return { status: 400, reason: 'BadCollapseId' };
  return null;
}

beforeAll(async () => {
  const tls = selfSignedCertificate();
  cert = tls.cert;
  server = createSecureServer({ key: tls.key, cert: tls.cert });
  server.on('session', (session) => sessions.add(session));
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const answer = (status: number, reason?: string) => {
        stream.respond({ ':status': status, 'apns-id': 'B0A1C2D3-0000-0000-0000-000000000000' });
        stream.end(reason ? JSON.stringify({ reason, ...(status === 410 ? { timestamp: Date.now() } : {}) }) : '');
      };
      const match = String(headers[':path']).match(/^\/3\/device\/([0-9a-f]{64})$/);
      if (headers[':method'] !== 'POST' || !match) return answer(404, 'BadPath');
      const problem = headerProblem(headers);
      if (problem) {
        if (problem.reason !== 'ExpiredProviderToken') problems.push(problem.reason);
        return answer(problem.status, problem.reason);
      }
      const body = Buffer.concat(chunks);
      if (body.length > 4096) return answer(413, 'PayloadTooLarge');
      const payload = JSON.parse(body.toString());
      if (typeof payload.aps?.alert?.title !== 'string' || !Number.isInteger(payload.aps?.badge)) {
        problems.push('payload');
        return answer(400, 'BadPayload');
      }
      const device = devices.get(match[1]!);
      if (!device) return answer(400, 'BadDeviceToken');
      if (device.answer.status !== 200) return answer(device.answer.status, device.answer.reason);
      device.received.push({ headers, payload });
      answer(200);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

async function setup() {
  const sender = new ApnsSender({ ...apple, origin, ca: cert });
  const harness = await pushHarness(sender);
  const iphone = async (who: { id: string; sessionId: string }) => {
    const token = randomBytes(32).toString('hex');
    const device: Device = { answer: { status: 200 }, received: [] };
    devices.set(token, device);
    await harness.register(who, { kind: 'apns', token });
    return Object.assign(device, { token });
  };
  return { ...harness, sender, iphone };
}

describe('APNs through a stand-in for Apple (HTTP/2, token-based)', () => {
  it('pushes each message once to each iPhone, with one provider token, topic, collapse id and badge', async () => {
    const { bob, bobDevice, iphone, send, dm, sender } = await setup();
    providerTokens.clear();
    const [first, second] = [await iphone(bob), await iphone(await bobDevice())];
    const notify = await send('are you there?');
    expect(await notify()).toBe('ack');
    expect(await notify()).toBe('ack'); // delivered again by the broker: nothing pushed twice
    expect(await (await send('hello?'))()).toBe('ack');
    for (const device of [first, second]) {
      expect(device.received).toHaveLength(2);
      const [, latest] = device.received;
      expect(latest!.payload).toMatchObject({
        aps: { alert: { body: 'hello?' }, badge: 2, 'thread-id': dm },
        conversationId: dm,
      });
      expect(latest!.headers).toMatchObject({ 'apns-topic': apple.topic, 'apns-collapse-id': dm });
    }
    expect(providerTokens.size).toBe(1); // Apple refuses a token renewed more often than every 20 minutes
    expect(problems).toEqual([]);
    sender.close();
  });

  it('pushes nothing to someone online, or for a conversation they muted', async () => {
    const { bob, online, mute, iphone, send, sender } = await setup();
    const device = await iphone(bob);
    await online(bob, 'c1', 'connect');
    expect(await (await send('you are here'))()).toBe('ack');
    await online(bob, 'c1', 'disconnect');
    await mute();
    expect(await (await send('quiet please'))()).toBe('ack');
    expect(device.received).toEqual([]);
    sender.close();
  });

  it('forgets Unregistered (410) and BadDeviceToken devices, retries 5xx', async () => {
    const { bob, bobDevice, iphone, send, targets, sender } = await setup();
    const uninstalled = await iphone(bob);
    const bad = await iphone(await bobDevice());
    const flaky = await iphone(await bobDevice());
    uninstalled.answer = { status: 410, reason: 'Unregistered' };
    bad.answer = { status: 400, reason: 'BadDeviceToken' };
    flaky.answer = { status: 503, reason: 'ServiceUnavailable' };
    const notify = await send('anyone?');
    expect(await notify()).toBe('retry');
    expect(await targets()).toEqual([flaky.token]);
    flaky.answer = { status: 200 };
    expect(await notify()).toBe('ack');
    expect(flaky.received.map((r) => r.payload.aps.alert.body)).toEqual(['anyone?']);
    sender.close();
  });

  it('signs a new provider token when Apple calls the current one expired', async () => {
    const { bob, iphone, send, sender } = await setup();
    const device = await iphone(bob);
    expect(await (await send('one'))()).toBe('ack');
    expireTokensIssuedBefore = Math.floor(Date.now() / 1000) + 1;
    await new Promise((r) => setTimeout(r, 1100)); // the next token's iat is past the cut
    const notify = await send('two');
    expect(await notify()).toBe('retry');
    expect(await notify()).toBe('ack');
    expect(device.received.map((r) => r.payload.aps.alert.body)).toEqual(['one', 'two']);
    sender.close();
  });
});
