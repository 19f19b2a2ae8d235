import { connect, constants, type ClientHttp2Session } from 'node:http2';
import jwt from 'jsonwebtoken';
import type { PushMessage, PushOutcome, PushSender, PushTarget } from '@parley/core';

export interface ApnsOptions {
  /** The Apple developer team the key belongs to (10 characters). */
  teamId: string;
  /** The key's id (10 characters, in the .p8 file's name). */
  keyId: string;
  /** The .p8 token-signing key (PEM, PKCS#8, P-256). */
  key: string;
  /** The app's bundle id: `apns-topic`. */
  topic: string;
  /** Apple's development service (apps built for development) instead of production. */
  sandbox?: boolean;
  /** Another origin than Apple's (a stand-in). */
  origin?: string;
  /** Certificates to trust besides the system's (a stand-in's). */
  ca?: string | Buffer;
  /** How long APNs keeps a push for a device that is off, in seconds (default one day). */
  ttlSeconds?: number;
  timeoutMs?: number;
}

/** Apple refuses a provider token refreshed more often than every 20 minutes, or older than an hour. */
const TOKEN_LIFETIME_MS = 40 * 60_000;

/** APNs reasons that mean the device token will never work again for this app. */
const GONE = new Set(['BadDeviceToken', 'Unregistered', 'DeviceTokenNotForTopic']);

/**
 * Apple Push Notification service over HTTP/2 (`node:http2`, one connection kept open and reopened when it
 * closes) with token-based authentication: an ES256 JWT from the team's .p8 key, renewed every 40 minutes and
 * whenever Apple calls it expired. The alert shows the title and body; `thread-id` groups a conversation's
 * notifications, `apns-collapse-id` makes its newest replace the rest, `badge` is the unread total. 410 or a
 * BadDeviceToken / DeviceTokenNotForTopic answer means the device is gone.
 */
export class ApnsSender implements PushSender {
  private session: ClientHttp2Session | null = null;
  private token: { value: string; until: number } | null = null;

  constructor(private readonly options: ApnsOptions) {}

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    if (target.kind !== 'apns') throw new Error(`not an APNs target: ${target.kind}`);
    const { status, reason } = await this.post(target.address, message);
    if (status === 200) return 'sent';
    if (status === 410 || GONE.has(reason)) return 'gone';
    if (reason === 'ExpiredProviderToken' || reason === 'InvalidProviderToken') this.token = null;
    throw new Error(`APNs answered ${status} ${reason}`);
  }

  /** Closes the connection (shutdown). */
  close(): void {
    this.session?.close();
    this.session = null;
  }

  private post(deviceToken: string, message: PushMessage): Promise<{ status: number; reason: string }> {
    const session = this.connection();
    const body = JSON.stringify(apnsPayload(message));
    const ttl = this.options.ttlSeconds ?? 86_400;
    return new Promise((resolve, reject) => {
      const request = session.request({
        ':method': 'POST',
        ':path': `/3/device/${encodeURIComponent(deviceToken)}`,
        authorization: `bearer ${this.providerToken()}`,
        'apns-topic': this.options.topic,
        'apns-push-type': 'alert',
        'apns-priority': '10',
        'apns-expiration': String(Math.floor(Date.now() / 1000) + ttl),
        'apns-collapse-id': message.collapseKey.slice(0, 64),
        'content-type': 'application/json',
      });
      let status = 0;
      const chunks: Buffer[] = [];
      request.setTimeout(this.options.timeoutMs ?? 10_000, () => {
        request.close(constants.NGHTTP2_CANCEL);
        reject(new Error('APNs did not answer in time'));
      });
      request.on('response', (headers) => (status = Number(headers[':status'])));
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let reason = '';
        try {
          reason = chunks.length ? String(JSON.parse(Buffer.concat(chunks).toString()).reason ?? '') : '';
        } catch {
          // not JSON: the status says enough
        }
        resolve({ status, reason });
      });
      request.on('error', reject);
      request.end(body);
    });
  }

  private connection(): ClientHttp2Session {
    if (this.session && !this.session.closed && !this.session.destroyed) return this.session;
    const origin =
      this.options.origin ??
      (this.options.sandbox ? 'https://api.sandbox.push.apple.com' : 'https://api.push.apple.com');
    const session = connect(origin, this.options.ca ? { ca: this.options.ca } : {});
    const forget = () => {
      if (this.session === session) this.session = null;
    };
    session.on('error', forget); // the request in flight fails on its own; the next one reconnects
    session.on('goaway', forget);
    session.on('close', forget);
    session.unref(); // an idle connection does not keep the process alive
    this.session = session;
    return session;
  }

  private providerToken(): string {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    // `iat` is set by jsonwebtoken (Apple wants it; it dates the token's hour).
    const value = jwt.sign({ iss: this.options.teamId }, this.options.key, {
      algorithm: 'ES256',
      keyid: this.options.keyId,
    });
    this.token = { value, until: Date.now() + TOKEN_LIFETIME_MS };
    return value;
  }
}

/** The JSON body Apple shows: the alert, sound, badge and thread, plus the ids the app opens. */
export function apnsPayload(message: PushMessage) {
  return {
    aps: {
      alert: { title: message.title, body: message.body },
      sound: 'default',
      'thread-id': message.conversationId,
      ...(message.badge === null ? {} : { badge: message.badge }),
    },
    conversationId: message.conversationId,
    messageId: message.messageId,
    mention: message.mention,
  };
}
