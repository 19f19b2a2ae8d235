import { execFileSync } from 'node:child_process';
import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const b64u = (b: Buffer) => b.toString('base64url');

/** A self-signed certificate for 127.0.0.1 (openssl), for a stand-in push service that speaks TLS. */
export function selfSignedCertificate(): { key: Buffer; cert: Buffer; certFile: string } {
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
  const certFile = join(dir, 'cert.pem');
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(certFile), certFile };
}

/**
 * A browser's push subscription as its push service holds it: the P-256 key pair and auth secret the browser made,
 * what the service answers for it, and the pushes it took (decrypted, as the browser would).
 */
export class StandInSubscription {
  readonly ecdh = createECDH('prime256v1');
  readonly auth = randomBytes(16);
  readonly received: unknown[] = [];
  /** What the push service answers a push for this subscription: 201, or 410 (gone), 503 (try later). */
  answer = 201;

  constructor(readonly endpoint: string) {
    this.ecdh.generateKeys();
  }

  /** The subscription's keys as `PushSubscription.toJSON()` gives them. */
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

/**
 * A Web Push service (RFC 8030) for tests, checking what a real one checks: an HTTPS endpoint per subscription that
 * verifies the VAPID JWT (ES256, audience, expiry, subject, the application server key it names), wants aes128gcm,
 * a TTL and a valid Topic, and (holding the subscription's private key and auth secret, as the browser does)
 * decrypts the payload. A push it refuses is recorded in `rejected`.
 */
export class StandInPushService {
  readonly subscriptions = new Map<string, StandInSubscription>();
  readonly rejected: string[] = [];
  origin = '';
  /** Its certificate, for the HTTPS agent of whoever pushes (or NODE_EXTRA_CA_CERTS=certFile). */
  cert = Buffer.alloc(0);
  certFile = '';
  agent: Agent | undefined;
  private server: Server | undefined;

  constructor(private readonly vapidPublicKey: string) {}

  async start(): Promise<void> {
    const { key, cert, certFile } = selfSignedCertificate();
    Object.assign(this, { cert, certFile, agent: new Agent({ ca: cert }) });
    const server = createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const subscription = this.subscriptions.get(req.url ?? '');
        const problem =
          this.vapidProblem(req.headers.authorization) ??
          (req.headers['content-encoding'] !== 'aes128gcm' ? 'content-encoding' : null) ??
          (!req.headers.ttl ? 'no TTL' : null) ??
          (!/^[A-Za-z0-9_-]{1,32}$/.test(String(req.headers.topic)) ? 'topic' : null);
        if (problem || !subscription) {
          this.rejected.push(problem ?? 'unknown subscription');
          res.writeHead(problem ? 403 : 404).end();
          return;
        }
        if (subscription.answer === 201)
          subscription.received.push(JSON.parse(subscription.decrypt(Buffer.concat(chunks))));
        res.writeHead(subscription.answer).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.server = server;
    this.origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  /** A new subscription, as a browser's `pushManager.subscribe` would make it. */
  subscribe(name: string): StandInSubscription {
    const subscription = new StandInSubscription(`${this.origin}/push/${name}`);
    this.subscriptions.set(`/push/${name}`, subscription);
    return subscription;
  }

  /** What a push service checks of the VAPID header: an ES256 JWT for this origin, signed by the key it names. */
  private vapidProblem(header: string | undefined): string | null {
    const match = header?.match(/^vapid t=([^,]+), k=(.+)$/);
    if (!match) return 'no vapid authorization';
    const [, jwt, k] = match;
    if (k !== this.vapidPublicKey) return 'not the application server key';
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
    const jwtHeader = JSON.parse(Buffer.from(h!, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    if (jwtHeader.alg !== 'ES256') return 'not ES256';
    if (claims.aud !== this.origin) return `audience ${claims.aud}`;
    const now = Date.now() / 1000;
    if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) return 'expiry';
    if (!/^(mailto:|https:)/.test(claims.sub)) return 'subject';
    return null;
  }
}
