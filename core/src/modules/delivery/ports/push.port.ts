import type { PushMessage, PushOutcome, PushTarget } from '../domain/push.js';

export const PushTargetStore = Symbol.for('PushTargetStore');

/** The devices registered for push, by the session that registered them. */
export interface PushTargetStore {
  /** Stores the target (replacing one with the same id: a device signed in again, or by someone else). */
  register(target: PushTarget): Promise<void>;
  listForUsers(userIds: readonly string[]): Promise<PushTarget[]>;
  remove(id: string): Promise<void>;
  /** Removes what one session registered (it signed out, or stopped wanting push). */
  removeForSession(sessionId: string): Promise<void>;
}

export const PushSender = Symbol.for('PushSender');

/**
 * Hands a push to the service of the target's kind. Resolves 'gone' when the service says the target no longer
 * exists (Web Push 404/410, FCM UNREGISTERED, APNs BadDeviceToken/Unregistered): the caller forgets it. Throws when
 * it may work later (5xx, 429, the network): the caller retries.
 */
export interface PushSender {
  send(target: PushTarget, message: PushMessage): Promise<PushOutcome>;
}
