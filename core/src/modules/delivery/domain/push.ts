/** The push services Parley speaks: Web Push (browsers), Firebase Cloud Messaging (Android), APNs (Apple). */
export type PushKind = 'webpush' | 'fcm' | 'apns';
export const PUSH_KINDS: readonly PushKind[] = ['webpush', 'fcm', 'apns'];

/**
 * Where a device is woken: registered by one session (a signed-in device) and gone with it. `address` is the Web
 * Push endpoint URL, or the FCM registration token, or the APNs device token.
 */
export interface PushTarget {
  /** `<kind>:<address>`: one device registers once, whoever signs in on it last owns it. */
  id: string;
  kind: PushKind;
  address: string;
  /** Web Push only: the subscription's public key (p256dh) and auth secret, both base64url. */
  keys?: { p256dh: string; auth: string } | null;
  userId: string;
  sessionId: string;
  createdAt: Date;
}

/** What a push says (see NotifyMessage for the preview rules). */
export interface PushMessage {
  title: string;
  body: string;
  conversationId: string;
  messageId: string;
  mention: boolean;
  /** Notifications of one conversation replace each other on the device. */
  collapseKey: string;
  /** The app icon's number: the person's unread messages over every conversation (null: not known). */
  badge: number | null;
}

/** What a push service said: delivered, or the target is gone for good (uninstalled, unsubscribed). */
export type PushOutcome = 'sent' | 'gone';

export const pushTargetId = (kind: PushKind, address: string): string => `${kind}:${address}`;
