import { generateVapidKeys } from '@parley/adapter-push';
import { StandInPushService } from '@parley/adapter-push/testkit';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf, WebApp } from './testkit/web-app.js';

/**
 * Notifications in chromium, end to end: the page turns them on (the service worker registers, the browser's
 * subscription is registered with the session), the API pushes a message that came while no tab was open to the
 * subscription's push service (a stand-in that checks VAPID and decrypts, as the browser's would), and that push,
 * delivered into the service worker, shows a notification. Chromium's own push service (FCM) cannot be reached
 * here, so the page's `pushManager.subscribe` hands out the stand-in's subscription instead.
 */
const vapid = generateVapidKeys();
const service = new StandInPushService(vapid.publicKey);
const app = new WebApp();

beforeAll(async () => {
  await service.start();
  await app.start({
    VAPID_PUBLIC_KEY: vapid.publicKey,
    VAPID_PRIVATE_KEY: vapid.privateKey,
    VAPID_SUBJECT: 'mailto:ops@parley.test',
    NODE_EXTRA_CA_CERTS: service.certFile, // the API trusts the stand-in's certificate
  });
}, 60_000);

afterAll(async () => {
  await app.stop();
  await service.stop();
});

/** Makes the browser's push subscription the stand-in's (endpoint and keys), as chromium's push service would. */
async function withStandInSubscription(context: BrowserContext, name: string) {
  const subscription = service.subscribe(name);
  await context.addInitScript(
    ({ endpoint, keys }) => {
      const manager = (globalThis as unknown as { PushManager?: { prototype: Record<string, unknown> } }).PushManager;
      if (!manager) return;
      let current: unknown = null;
      manager.prototype.getSubscription = async () => current;
      manager.prototype.subscribe = async (options: { applicationServerKey: string }) => {
        const key = Uint8Array.from(atob(options.applicationServerKey.replaceAll('-', '+').replaceAll('_', '/')), (c) =>
          c.charCodeAt(0),
        ).buffer;
        current = {
          endpoint,
          options: { applicationServerKey: key, userVisibleOnly: true },
          toJSON: () => ({ endpoint, keys }),
          unsubscribe: async () => ((current = null), true),
        };
        return current;
      };
    },
    { endpoint: subscription.endpoint, keys: subscription.keys() },
  );
  return subscription;
}

/** Delivers a push into the page's service worker (CDP), as the browser does when its push service relays one. */
async function deliverToServiceWorker(page: Page, payload: unknown) {
  const cdp = await page.context().newCDPSession(page);
  const registration = new Promise<string>((resolve) =>
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${app.base}/app/`);
      if (found) resolve(found.registrationId);
    }),
  );
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: app.base,
    registrationId: await registration,
    data: JSON.stringify(payload),
  });
}

const shown = (page: Page) =>
  page.evaluate(async () => {
    type Shown = { title: string; body: string; tag: string };
    const browser = globalThis as unknown as {
      navigator: { serviceWorker: { ready: Promise<{ getNotifications(): Promise<Shown[]> }> } };
    };
    const registration = await browser.navigator.serviceWorker.ready;
    return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
  });

describe('notifications in chromium', () => {
  it('turns on notifications; a message that comes while no tab is open is pushed and shown', async () => {
    let subscription!: ReturnType<typeof service.subscribe>;
    const fen = await app.person('fen', 1100, async (context) => {
      subscription = await withStandInSubscription(context, `fen-${app.suffix}`);
    });
    await fen.getByRole('button', { name: 'Devices' }).click();
    const panel = fen.getByRole('dialog', { name: 'Devices' });
    await panel.getByText('Notifications on this device are off.').waitFor();
    // What the person answers to the browser's question that the click asks.
    await fen.context().grantPermissions(['notifications'], { origin: app.base });
    await panel.getByRole('button', { name: 'Turn on notifications' }).click();
    await panel.getByText('Notifications on this device are on.').waitFor();

    // Fen closes the tab (the service worker stays); Gus writes to Fen.
    const fenToken = await tokenOf(fen);
    const fenId = (await app.rest(fenToken, 'GET', '/auth/me')).body.id as string;
    const context = fen.context();
    await fen.close();
    const gus = await app.person('gus');
    const gusToken = await tokenOf(gus);
    const dm = await app.rest(gusToken, 'POST', '/conversations', { kind: 'direct', memberIds: [fenId] });
    expect(dm.status).toBe(201);
    const sent = await app.rest(gusToken, 'POST', `/conversations/${dm.body.id}/messages`, {
      clientMessageId: crypto.randomUUID(),
      content: 'are you there?',
    });
    expect(sent.status).toBe(201);

    // The API pushed it to the subscription, signed with VAPID and encrypted for it.
    await expect.poll(() => subscription.received.length, { timeout: 20_000 }).toBe(1);
    expect(service.rejected).toEqual([]);
    const [pushed] = subscription.received as { title: string; body: string; conversationId: string }[];
    expect(pushed).toMatchObject({ title: `gus_${app.suffix}`, body: 'are you there?', badge: 1 });

    // The browser hands it to the service worker, which shows it (one per conversation: tagged with it).
    const again = await context.newPage();
    await again.goto(`${app.base}/app/`);
    await deliverToServiceWorker(again, pushed);
    await expect
      .poll(() => shown(again))
      .toEqual([{ title: `gus_${app.suffix}`, body: 'are you there?', tag: dm.body.id }]);
  });
});
