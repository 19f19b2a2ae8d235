import jwt from 'jsonwebtoken';
import type { PushMessage, PushOutcome, PushSender, PushTarget } from '@parley/core';

/** The fields of a Google service-account key file (JSON) that FCM needs. */
export interface FcmServiceAccount {
  project_id: string;
  client_email: string;
  private_key: string;
  private_key_id?: string;
  /** Where the signed assertion is exchanged for an access token (default Google's). */
  token_uri?: string;
}

export interface FcmOptions {
  serviceAccount: FcmServiceAccount;
  /** The FCM API's origin (default https://fcm.googleapis.com): another one for a stand-in. */
  endpoint?: string;
  /** How long FCM keeps a push for a device that is off, in seconds (default one day). */
  ttlSeconds?: number;
  timeoutMs?: number;
}

const SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** An access token is used until this long before it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;

/**
 * FCM errors that mean the token will never work again: the app was uninstalled or the token expired
 * (UNREGISTERED), it belongs to another project (SENDER_ID_MISMATCH), or it is no token at all (INVALID_ARGUMENT
 * in an FcmError; an INVALID_ARGUMENT about the message itself comes as a BadRequest and is not a reason to forget
 * the device).
 */
const GONE = new Set(['UNREGISTERED', 'SENDER_ID_MISMATCH', 'INVALID_ARGUMENT']);

interface GoogleError {
  error?: { code?: number; status?: string; message?: string; details?: { '@type'?: string; errorCode?: string }[] };
}

/**
 * Firebase Cloud Messaging, HTTP v1 API: a service account signs a JWT (RS256) that Google's token endpoint
 * exchanges for an OAuth access token (kept until five minutes before it expires; one exchange at a time), which
 * authorizes `POST /v1/projects/<project>/messages:send`. The notification shows the title and body; `data`
 * carries the conversation and message for the app; on Android the conversation's pushes replace each other in
 * the drawer (`tag`) and wait as one at FCM (`collapse_key`), and the icon shows the unread total; iOS apps on
 * FCM get the same through the `apns` block.
 */
export class FcmSender implements PushSender {
  private token: { value: string; until: number } | null = null;
  private exchanging: Promise<string> | null = null;

  constructor(private readonly options: FcmOptions) {}

  async send(target: PushTarget, message: PushMessage): Promise<PushOutcome> {
    if (target.kind !== 'fcm') throw new Error(`not an FCM target: ${target.kind}`);
    const { project_id: project } = this.options.serviceAccount;
    const endpoint = this.options.endpoint ?? 'https://fcm.googleapis.com';
    const response = await fetch(`${endpoint}/v1/projects/${encodeURIComponent(project)}/messages:send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.accessToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: fcmMessage(target.address, message, this.options.ttlSeconds ?? 86_400) }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    if (response.ok) {
      await response.arrayBuffer();
      return 'sent';
    }
    const answer = (await response.json().catch(() => ({}))) as GoogleError;
    const fcmError = answer.error?.details?.find((d) => d['@type']?.endsWith('google.firebase.fcm.v1.FcmError'));
    if (fcmError?.errorCode && GONE.has(fcmError.errorCode)) return 'gone';
    if (response.status === 401) this.token = null; // revoked or expired early: exchange again on the retry
    const reason = fcmError?.errorCode ?? answer.error?.status ?? '';
    throw new Error(`FCM answered ${response.status} ${reason}: ${answer.error?.message ?? ''}`);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    this.exchanging ??= this.exchange().finally(() => (this.exchanging = null));
    return this.exchanging;
  }

  /** RFC 7523: a JWT bearer assertion signed with the service account's key, exchanged for an access token. */
  private async exchange(): Promise<string> {
    const account = this.options.serviceAccount;
    const tokenUri = account.token_uri ?? GOOGLE_TOKEN_URI;
    const assertion = jwt.sign({ scope: SCOPE }, account.private_key, {
      algorithm: 'RS256',
      issuer: account.client_email,
      audience: tokenUri,
      expiresIn: 3600,
      ...(account.private_key_id ? { keyid: account.private_key_id } : {}),
    });
    const response = await fetch(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const answer = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number };
    if (!response.ok || typeof answer.access_token !== 'string')
      throw new Error(`the OAuth token exchange answered ${response.status}`);
    const lifetimeMs = (answer.expires_in ?? 3600) * 1000;
    this.token = { value: answer.access_token, until: Date.now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS) };
    return answer.access_token;
  }
}

/** The v1 `Message` for one device (data values are strings, as FCM requires). */
export function fcmMessage(token: string, message: PushMessage, ttlSeconds: number) {
  const badge = message.badge ?? undefined;
  return {
    token,
    notification: { title: message.title, body: message.body },
    data: {
      conversationId: message.conversationId,
      messageId: message.messageId,
      mention: String(message.mention),
      ...(badge === undefined ? {} : { badge: String(badge) }),
    },
    android: {
      collapse_key: message.collapseKey,
      priority: 'HIGH',
      ttl: `${ttlSeconds}s`,
      notification: {
        tag: message.collapseKey,
        ...(badge === undefined ? {} : { notification_count: badge }),
      },
    },
    apns: {
      headers: { 'apns-collapse-id': message.collapseKey.slice(0, 64) },
      payload: { aps: { 'thread-id': message.conversationId, ...(badge === undefined ? {} : { badge }) } },
    },
  };
}
