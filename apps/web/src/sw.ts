// The service worker: shows what the server pushes (see BrowserPush) while no tab of Parley is open, and opens
// the conversation when the notification is clicked. Bundled to sw.js beside the page, so its scope is the app.

/** What the server pushes (PushMessage in @parley/core). */
interface Pushed {
  title?: string;
  body?: string;
  conversationId?: string;
  collapseKey?: string;
  badge?: number | null;
}

interface WindowClient {
  url: string;
  focus(): Promise<unknown>;
  postMessage(message: unknown): void;
}

/** The parts of ServiceWorkerGlobalScope used here (the DOM lib the app builds with does not declare it). */
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClient[]>;
    openWindow(url: string): Promise<WindowClient | null>;
    claim(): Promise<void>;
  };
  navigator: Navigator & { setAppBadge?: (count?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: string, listener: (event: never) => void): void;
}
interface ExtendableEvent {
  waitUntil(work: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null;
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification;
}

const worker = globalThis as unknown as WorkerScope;

worker.addEventListener('install', () => void worker.skipWaiting());
worker.addEventListener('activate', (event: ExtendableEvent) => event.waitUntil(worker.clients.claim()));

worker.addEventListener('push', (event: PushEvent) => {
  let pushed: Pushed = {};
  try {
    pushed = (event.data?.json() ?? {}) as Pushed;
  } catch {
    // not JSON: still show that something came (a push must show a notification)
  }
  event.waitUntil(
    (async () => {
      // One notification per conversation: a newer one replaces it (and alerts again).
      await worker.registration.showNotification(pushed.title ?? 'Parley', {
        body: pushed.body ?? 'New message',
        tag: pushed.collapseKey ?? pushed.conversationId ?? 'parley',
        renotify: true,
        data: { conversationId: pushed.conversationId ?? null },
      } as NotificationOptions);
      if (typeof pushed.badge === 'number') await worker.navigator.setAppBadge?.(pushed.badge).catch(() => undefined);
    })(),
  );
});

worker.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close();
  const conversationId = (event.notification.data as { conversationId?: string } | null)?.conversationId;
  const scope = worker.registration.scope;
  const url = conversationId ? `${scope}?c=${encodeURIComponent(conversationId)}` : scope;
  event.waitUntil(
    (async () => {
      const open = (await worker.clients.matchAll({ type: 'window', includeUncontrolled: true })).find((c) =>
        c.url.startsWith(scope),
      );
      if (!open) return worker.clients.openWindow(url);
      open.postMessage({ open: conversationId });
      return open.focus();
    })(),
  );
});
