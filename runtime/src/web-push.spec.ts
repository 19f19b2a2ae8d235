import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVapidKeys, WebPushSender } from '@parley/adapter-push';
import { StandInPushService } from '@parley/adapter-push/testkit';
import { pushHarness } from './push.fixtures.js';

/**
 * Web Push end to end against a stand-in push service that checks what a real one checks: an HTTPS endpoint that
 * verifies the VAPID JWT (ES256, audience, expiry, the key it names) and, holding the subscription's private key and
 * auth secret as the browser does, decrypts the payload (RFC 8291, aes128gcm).
 */
const vapid = generateVapidKeys();
const service = new StandInPushService(vapid.publicKey);

beforeAll(() => service.start());
afterAll(() => service.stop());

async function setup() {
  const harness = await pushHarness(
    new WebPushSender({ ...vapid, subject: 'mailto:ops@parley.test', agent: service.agent }),
  );
  const subscribe = async (who: { id: string; sessionId: string }, name: string) => {
    const subscription = service.subscribe(name);
    await harness.register(who, { kind: 'webpush', endpoint: subscription.endpoint, keys: subscription.keys() });
    return subscription;
  };
  return { ...harness, subscribe };
}

const said = (received: unknown[]) =>
  received.map((m) => {
    const { body, mention, badge } = m as { body: string; mention: boolean; badge: number };
    return { body, mention, badge };
  });

describe('Web Push through a stand-in push service', () => {
  it('pushes each message once to each device, encrypted for it and signed with VAPID', async () => {
    const { bob, bobDevice, subscribe, send } = await setup();
    const [phone, laptop] = [await subscribe(bob, 'wp-phone'), await subscribe(await bobDevice(), 'wp-laptop')];
    const notify = await send('are you there?');
    expect(await notify()).toBe('ack');
    expect(await notify()).toBe('ack'); // delivered again by the broker: nothing pushed twice
    expect(await (await send('hello?'))()).toBe('ack');
    for (const browser of [phone, laptop]) {
      expect(said(browser.received)).toEqual([
        { body: 'are you there?', mention: false, badge: 1 },
        { body: 'hello?', mention: false, badge: 2 },
      ]);
    }
    expect(service.rejected).toEqual([]);
  });

  it('pushes nothing to someone online, or for a conversation they muted', async () => {
    const { bob, online, mute, subscribe, send } = await setup();
    const phone = await subscribe(bob, 'wp-online');
    await online(bob, 'c1', 'connect');
    expect(await (await send('you are here'))()).toBe('ack');
    await online(bob, 'c1', 'disconnect');
    await mute();
    expect(await (await send('quiet please'))()).toBe('ack');
    expect(phone.received).toEqual([]);
  });

  it('forgets a subscription the push service says is gone, and retries one that failed for now', async () => {
    const { bob, targets, subscribe, send } = await setup();
    const gone = await subscribe(bob, 'wp-gone');
    const flaky = await subscribe(bob, 'wp-flaky');
    gone.answer = 410;
    flaky.answer = 503;
    const notify = await send('anyone?');
    expect(await notify()).toBe('retry');
    expect(await targets()).toEqual([flaky.endpoint]);
    flaky.answer = 201;
    expect(await notify()).toBe('ack');
    expect(said(flaky.received).map((m) => m.body)).toEqual(['anyone?']);
    expect(gone.received).toEqual([]);
  });

  it('pushes nothing to a device whose session ended, and forgets it', async () => {
    const { memory, bob, subscribe, send, targets } = await setup();
    const phone = await subscribe(bob, 'wp-ended');
    // Ended the way a ban, a password change or a reused refresh token ends it: nothing told the push targets.
    await memory.sessions.revoke(bob.sessionId, new Date());
    expect(await (await send('hello?'))()).toBe('ack');
    expect(phone.received).toEqual([]);
    expect(await targets()).toEqual([]);
  });
});
