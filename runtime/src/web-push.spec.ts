import { execFileSync } from 'node:child_process';
import { createECDH, createPublicKey, hkdfSync, randomBytes, createDecipheriv, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParley, sentMessage, type ImageProcessor, type PushMessage } from '@parley/core';
import { ManualClock } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { generateVapidKeys, WebPushSender } from '@parley/adapter-push';
import { jobHandlers } from './jobs.js';

/**
 * Web Push end to end against a stand-in push service that checks what a real one checks: an HTTPS endpoint that
 * verifies the VAPID JWT (ES256, audience, expiry, the key it names) and, holding the subscription's private key and
 * auth secret as the browser does, decrypts the payload (RFC 8291, aes128gcm).
 */
const b64u = (b: Buffer) => b.toString('base64url');
const vapid = generateVapidKeys();

/** A browser's subscription: its P-256 key pair and auth secret, and what the push service answers for it. */
class Browser {
  readonly ecdh = createECDH('prime256v1');
  readonly auth = randomBytes(16);
  readonly received: PushMessage[] = [];
  answer = 201;
  constructor(readonly name: string) {
    this.ecdh.generateKeys();
  }
  keys() {
    return { p256dh: b64u(this.ecdh.getPublicKey()), auth: b64u(this.auth) };
  }
  /** RFC 8291: the content encryption key and nonce from the ECDH secret, the auth secret and the record's salt. */
  decrypt(body: Buffer): string {
    const salt = body.subarray(0, 16);
    const idlen = body[20]!;
    const serverKey = body.subarray(21, 21 + idlen);
    const ciphertext = body.subarray(21 + idlen);
    const secret = this.ecdh.computeSecret(serverKey);
    const info = Buffer.concat([Buffer.from('WebPush: info\0'), this.ecdh.getPublicKey(), serverKey]);
    const ikm = Buffer.from(hkdfSync('sha256', secret, this.auth, info, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(ciphertext.subarray(-16));
    const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
    const end = padded.lastIndexOf(2); // the last record's delimiter, then zero padding
    return padded.subarray(0, end).toString();
  }
}

const browsers = new Map<string, Browser>();
const rejected: string[] = [];
let server: Server;
let origin = '';
let agent: Agent;

/** What a push service checks of the VAPID header: an ES256 JWT for this origin, signed by the key it names. */
function vapidProblem(header: string | undefined): string | null {
  const match = header?.match(/^vapid t=([^,]+), k=(.+)$/);
  if (!match) return 'no vapid authorization';
  const [, jwt, k] = match;
  if (k !== vapid.publicKey) return 'not the application server key';
  const [h, p, s] = jwt!.split('.');
  const point = Buffer.from(k!, 'base64url');
  const key = createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64u(point.subarray(1, 33)), y: b64u(point.subarray(33)) },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s!, 'base64url'),
  );
  if (!signed) return 'bad signature';
  const header_ = JSON.parse(Buffer.from(h!, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  if (header_.alg !== 'ES256') return 'not ES256';
  if (claims.aud !== origin) return `audience ${claims.aud}`;
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) return 'expiry';
  if (!/^(mailto:|https:)/.test(claims.sub)) return 'subject';
  return null;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'parley-push-'));
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const browser = browsers.get(req.url!.replace('/push/', ''));
      const problem =
        vapidProblem(req.headers.authorization) ??
        (req.headers['content-encoding'] !== 'aes128gcm' ? 'content-encoding' : null) ??
        (!req.headers.ttl ? 'no TTL' : null) ??
        (!/^[A-Za-z0-9_-]{1,32}$/.test(String(req.headers.topic)) ? 'topic' : null);
      if (problem || !browser) {
        rejected.push(problem ?? 'unknown subscription');
        res.writeHead(problem ? 403 : 404).end();
        return;
      }
      if (browser.answer === 201) browser.received.push(JSON.parse(browser.decrypt(Buffer.concat(chunks))));
      res.writeHead(browser.answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  agent = new Agent({ ca: cert });
});

afterAll(async () => new Promise<void>((r) => server.close(() => r())));

async function setup() {
  const clock = new ManualClock(new Date());
  const memory = createMemoryPorts({
    ...createSystemPorts({ clock, logLevel: 'silent' }),
    images: {} as ImageProcessor,
  });
  const push = new WebPushSender({ ...vapid, subject: 'mailto:ops@parley.test', agent });
  const parley = createParley({ ...memory, push }, { sendRate: null });
  const person = async (name: string) => {
    const r = await parley.identity.registerUser.execute({
      email: `${name}@push.test`,
      username: name,
      password: 'correct horse battery',
    });
    if (!r.ok || !('accessToken' in r.value)) throw new Error('setup');
    const principal = await parley.identity.authenticate.execute(r.value.accessToken);
    if (!principal.ok) throw new Error('setup');
    return { id: r.value.user.id, sessionId: principal.value.sessionId };
  };
  const [ann, bob] = [await person(`ann${browsers.size}`), await person(`bob${browsers.size}`)];
  const dm = await parley.conversations.createConversation.execute({
    actorId: ann.id,
    kind: 'direct',
    memberIds: [bob.id],
  });
  if (!dm.ok) throw new Error('setup');
  const subscribe = async (who: { id: string; sessionId: string }, name: string) => {
    const browser = new Browser(name);
    browsers.set(name, browser);
    const registered = await parley.delivery.registerPushTarget.execute({
      actorId: who.id,
      sessionId: who.sessionId,
      kind: 'webpush',
      endpoint: `${origin}/push/${name}`,
      keys: browser.keys(),
    });
    expect(registered.ok).toBe(true);
    return browser;
  };
  /** Ann writes to Bob; the notify job runs as the worker would (twice, as a redelivery would). */
  const send = async (content: string) => {
    const r = await parley.messaging.sendMessage.execute({
      actorId: ann.id,
      conversationId: dm.value.conversation.id,
      content,
    });
    if (!r.ok) throw new Error(r.error.message);
    const message = sentMessage(r.value)!;
    await parley.followUps.settle();
    const job = { id: `notify:${message.id}`, name: 'notify.message' as const, attempt: 1 };
    const payload = {
      messageId: message.id,
      conversationId: message.conversationId,
      senderId: ann.id,
      mentions: [],
      silent: false,
    };
    return () => jobHandlers(parley)['notify.message']({ ...job, payload });
  };
  return { parley, memory, ann, bob, dm: dm.value.conversation.id, subscribe, send };
}

describe('Web Push through a stand-in push service', () => {
  it('pushes each message once to each device, encrypted for it and signed with VAPID', async () => {
    const { bob, subscribe, send } = await setup();
    const [phone, laptop] = [await subscribe(bob, 'wp-phone'), await subscribe(bob, 'wp-laptop')];
    const notify = await send('are you there?');
    expect(await notify()).toBe('ack');
    expect(await notify()).toBe('ack'); // delivered again by the broker: nothing pushed twice
    for (const browser of [phone, laptop]) {
      expect(browser.received).toHaveLength(1);
      expect(browser.received[0]).toMatchObject({ body: 'are you there?', mention: false, badge: null });
    }
    expect(rejected).toEqual([]);
  });

  it('pushes nothing to someone online, or for a conversation they muted', async () => {
    const { parley, bob, dm, subscribe, send } = await setup();
    const phone = await subscribe(bob, 'wp-online');
    await parley.delivery.trackPresence.execute({ kind: 'connect', userId: bob.id, connectionId: 'c1' });
    expect(await (await send('you are here'))()).toBe('ack');
    await parley.delivery.trackPresence.execute({ kind: 'disconnect', userId: bob.id, connectionId: 'c1' });
    const muted = await parley.conversations.muteConversation.execute({
      actorId: bob.id,
      conversationId: dm,
      until: 'forever',
    });
    expect(muted.ok).toBe(true);
    expect(await (await send('quiet please'))()).toBe('ack');
    expect(phone.received).toEqual([]);
  });

  it('forgets a subscription the push service says is gone, and retries one that failed for now', async () => {
    const { memory, bob, subscribe, send } = await setup();
    const gone = await subscribe(bob, 'wp-gone');
    const flaky = await subscribe(bob, 'wp-flaky');
    gone.answer = 410;
    flaky.answer = 503;
    const notify = await send('anyone?');
    expect(await notify()).toBe('retry');
    expect((await memory.pushTargets.listForUsers([bob.id])).map((t) => t.address)).toEqual([
      `${origin}/push/wp-flaky`,
    ]);
    flaky.answer = 201;
    expect(await notify()).toBe('ack');
    expect(flaky.received.map((m) => m.body)).toEqual(['anyone?']);
    expect(gone.received).toEqual([]);
  });

  it('pushes nothing to a device whose session ended, and forgets it', async () => {
    const { memory, bob, subscribe, send } = await setup();
    const phone = await subscribe(bob, 'wp-ended');
    // Ended the way a ban, a password change or a reused refresh token ends it: nothing told the push targets.
    await memory.sessions.revoke(bob.sessionId, new Date());
    expect(await (await send('hello?'))()).toBe('ack');
    expect(phone.received).toEqual([]);
    expect(await memory.pushTargets.listForUsers([bob.id])).toEqual([]);
  });
});
