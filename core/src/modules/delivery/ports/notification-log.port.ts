export const NotificationLog = Symbol.for('NotificationLog');

/**
 * Which notifications were sent (or are being sent): one claim per message and recipient, so a notification job
 * that runs twice (a broker that redelivers, the outbox relay repeating a send's follow-ups, a retry) notifies
 * each recipient once. Durable, unlike a cache key: it holds across restarts of everything but the database.
 */
export interface NotificationLog {
  /** Claims `key` until `expiresAt`; true if this call claimed it, false if it was claimed (and not expired). */
  claim(key: string, expiresAt: Date, now: Date): Promise<boolean>;
  /** Gives a claim back (the send failed), so a retry sends it. */
  release(key: string): Promise<void>;
  /** Deletes up to `limit` claims that expired before `now`; returns how many. */
  deleteExpired(now: Date, limit: number): Promise<number>;
}
