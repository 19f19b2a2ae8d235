import type { ParleyClient } from '@parley/client';

/** Notifications on this browser: what the devices panel says and offers. */
export type BrowserPushState =
  | { status: 'unsupported' } // no service worker or Push API (or not a secure context)
  | { status: 'unavailable' } // the server has no Web Push configured
  | { status: 'blocked' } // the person said no to notifications for this site
  | { status: 'off' }
  | { status: 'on' };

const supported = () =>
  typeof navigator !== 'undefined' &&
  'serviceWorker' in navigator &&
  typeof window !== 'undefined' &&
  'PushManager' in window &&
  'Notification' in window;

/** The subscription's application server key as the server's VAPID key is written (base64url). */
function serverKeyOf(subscription: PushSubscription): string | null {
  const key = subscription.options.applicationServerKey;
  if (!key) return null;
  let binary = '';
  for (const byte of new Uint8Array(key)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * Web Push for this browser: a service worker (sw.js, beside the page) shows what the server pushes while no tab
 * of Parley is open, and the browser's push subscription is registered with this session (the server forgets it
 * when the session ends, so every sign-in registers it again). Push needs the browser's push service to be
 * reachable; where it is not, subscribing fails and the panel says so.
 */
export class BrowserPush {
  constructor(
    private readonly client: ParleyClient,
    private readonly script = 'sw.js',
  ) {}

  async state(): Promise<BrowserPushState> {
    if (!supported()) return { status: 'unsupported' };
    const config = await this.client.pushConfig();
    if (!config.webPushPublicKey) return { status: 'unavailable' };
    if (Notification.permission === 'denied') return { status: 'blocked' };
    const registration = await navigator.serviceWorker.getRegistration(this.script);
    const subscription = await registration?.pushManager.getSubscription();
    return { status: Notification.permission === 'granted' && subscription ? 'on' : 'off' };
  }

  /** Asks for permission (call from a click), subscribes, and registers the subscription with this session. */
  async enable(): Promise<void> {
    const config = await this.client.pushConfig();
    if (!config.webPushPublicKey) throw new Error('This server does not send browser notifications');
    if ((await Notification.requestPermission()) !== 'granted')
      throw new Error('Notifications are blocked for this site in the browser settings');
    await this.subscribeAndRegister(config.webPushPublicKey);
  }

  /** After a sign-in on a browser that already allowed push: registers its subscription with the new session. */
  async resume(): Promise<void> {
    if (!supported() || Notification.permission !== 'granted') return;
    const config = await this.client.pushConfig();
    if (config.webPushPublicKey) await this.subscribeAndRegister(config.webPushPublicKey);
  }

  /** Stops push here: the server forgets this device, the browser drops its subscription. */
  async disable(): Promise<void> {
    await this.client.stopPush();
    const registration = await navigator.serviceWorker.getRegistration(this.script);
    await (await registration?.pushManager.getSubscription())?.unsubscribe();
  }

  private async subscribeAndRegister(serverKey: string): Promise<void> {
    await navigator.serviceWorker.register(this.script);
    const registration = await navigator.serviceWorker.ready;
    let subscription = await registration.pushManager.getSubscription();
    // A subscription made for another server key cannot be pushed to by this server: replace it.
    if (subscription && serverKeyOf(subscription) !== serverKey) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: serverKey,
    });
    const { endpoint, keys } = subscription.toJSON();
    if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error('The browser gave an incomplete push subscription');
    await this.client.registerPush({ kind: 'webpush', endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth } });
  }
}
