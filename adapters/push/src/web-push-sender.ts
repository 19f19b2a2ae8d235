import { createECDH, createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush, { WebPushError } from 'web-push';
import type { PushMessage, PushOutcome, PushSender, PushTarget } from '@parley/core';

export interface VapidOptions {
  /** The application server's key pair (base64url, as `web-push generate-vapid-keys` prints them). */
  publicKey: string;
  privateKey: string;
  /** A mailto: or https: URL the push service can reach the operator at. */
  subject: string;
  /** How long a push service keeps an undelivered push, in seconds (default one day). */
  ttlSeconds?: number;
  timeoutMs?: number;
  /** The HTTPS agent for push services (one with its own CA: a private push service, or a test's stand-in). */
  agent?: Agent;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an encrypted payload (RFC 8291, aes128gcm) by the web-push package.
 * The payload is the PushMessage as JSON, for the service worker to show; `Topic` collapses the pushes of one
 * conversation still waiting at the push service into the latest. A 404 or 410 means the subscription is gone.
 */
export class WebPushSender implements PushSender {
  constructor(private readonly options: VapidOptions) {}

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    if (target.kind !== 'webpush' || !target.keys) throw new Error(`not a Web Push target: ${target.kind}`);
    // A key that is no point on P-256 can never be encrypted to: the subscription is as good as gone.
    if (!onCurve(target.keys.p256dh)) return 'gone';
    try {
      await webpush.sendNotification({ endpoint: target.address, keys: target.keys }, JSON.stringify(message), {
        vapidDetails: {
          subject: this.options.subject,
          publicKey: this.options.publicKey,
          privateKey: this.options.privateKey,
        },
        TTL: this.options.ttlSeconds ?? 86_400,
        // A topic is at most 32 URL-safe characters: a hash of the conversation's collapse key.
        topic: createHash('sha256').update(message.collapseKey).digest('base64url').slice(0, 32),
        urgency: message.mention ? 'high' : 'normal',
        timeout: this.options.timeoutMs ?? 10_000,
        ...(this.options.agent ? { agent: this.options.agent } : {}),
      });
      return 'sent';
    } catch (error) {
      if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) return 'gone';
      throw error;
    }
  }
}

function onCurve(p256dh: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(Buffer.from(p256dh, 'base64url'));
    return true;
  } catch {
    return false;
  }
}

/** A fresh VAPID key pair (base64url), for `VAPID_PUBLIC_KEY` and `VAPID_PRIVATE_KEY`. */
export const generateVapidKeys = (): { publicKey: string; privateKey: string } => webpush.generateVAPIDKeys();
