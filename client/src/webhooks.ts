/**
 * For apps that receive Parley's integration webhooks: checks a delivery's `Parley-Signature` header
 * (`t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, each v1 an HMAC-SHA256 of `${t}.${raw body}` under one of the webhook's
 * secrets) with Web Crypto, so it runs in Node 20+, Deno, workers and browsers alike.
 */

/** What a delivery's body holds: one durable conversation event, with the id to tell repeats by. */
export interface WebhookDelivery<Data = Record<string, unknown>> {
  id: string;
  webhookId: string;
  type: string;
  conversationId: string;
  eventSeq: number;
  actorId: string;
  createdAt: string;
  data: Data;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'too_old' | 'mismatch' };

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Compares without stopping at the first difference (no timing leak of how much matched). */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Whether the header signs this raw body (the bytes as received, before any JSON parsing) under one of the secrets
 * (during a rotation, the old and the new), with a timestamp within `toleranceSeconds` (default 300) of `now`.
 */
export async function verifyWebhookSignature(
  header: string | null | undefined,
  rawBody: string,
  secrets: string | readonly string[],
  options: { toleranceSeconds?: number; now?: number } = {},
): Promise<SignatureCheck> {
  const parts = (header ?? '').split(',').map((p) => p.trim().split('='));
  const timestamp = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return { ok: false, reason: 'too_old' };
  const data = new TextEncoder().encode(`${timestamp}.${rawBody}`);
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const expected = hex(await crypto.subtle.sign('HMAC', key, data));
    if (signatures.some((s) => sameText(s, expected))) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}
