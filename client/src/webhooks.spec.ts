import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './webhooks.js';

const body = '{"id":"evt_c1_7","type":"message.created"}';
const sign = (secret: string, t: number, text = body) =>
  `v1=${createHmac('sha256', secret).update(`${t}.${text}`).digest('hex')}`;
const now = 1_800_000_000_000;
const t = now / 1000;

describe('verifyWebhookSignature', () => {
  it('accepts the body signed with the secret, or with one of several during a rotation', async () => {
    expect(await verifyWebhookSignature(`t=${t},${sign('whsec_a', t)}`, body, 'whsec_a', { now })).toEqual({
      ok: true,
    });
    const rotating = `t=${t},${sign('whsec_new', t)},${sign('whsec_old', t)}`;
    expect(await verifyWebhookSignature(rotating, body, ['whsec_old'], { now })).toEqual({ ok: true });
    expect(await verifyWebhookSignature(rotating, body, ['whsec_new'], { now })).toEqual({ ok: true });
  });

  it('refuses another body, another secret, an old or future timestamp, and a malformed header', async () => {
    const header = `t=${t},${sign('whsec_a', t)}`;
    expect(await verifyWebhookSignature(header, body.replace('7', '8'), 'whsec_a', { now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(await verifyWebhookSignature(header, body, 'whsec_b', { now })).toMatchObject({ reason: 'mismatch' });
    expect(await verifyWebhookSignature(header, body, 'whsec_a', { now: now + 301_000 })).toMatchObject({
      reason: 'too_old',
    });
    expect(await verifyWebhookSignature(header, body, 'whsec_a', { now: now - 301_000 })).toMatchObject({
      reason: 'too_old',
    });
    expect(
      await verifyWebhookSignature(header, body, 'whsec_a', { now: now + 60_000, toleranceSeconds: 30 }),
    ).toMatchObject({
      reason: 'too_old',
    });
    for (const bad of [null, '', `t=${t}`, sign('whsec_a', t), `t=soon,${sign('whsec_a', t)}`])
      expect(await verifyWebhookSignature(bad, body, 'whsec_a', { now })).toMatchObject({ reason: 'malformed' });
  });
});
