import type { Db } from 'mongodb';
import type { NotificationLog } from '@parley/core';
import { deleteExpired, insertUnlessExists } from './support.js';

/**
 * One document per claim, `_id` the key: claiming is an insert (the unique `_id` decides a race); an expired
 * claim is deleted (conditionally, by its expiry) before it is claimed again. TTL index on MongoDB; the
 * retention sweep on every server.
 */
export class MongoNotificationLog implements NotificationLog {
  private readonly claims;

  constructor(db: Db) {
    this.claims = db.collection('notification_claims');
  }

  async claim(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    if (await insertUnlessExists(this.claims, { _id: key as never, expiresAt })) return true;
    const held = await this.claims.findOne({ _id: key as never });
    if (!held || (held.expiresAt as Date) > now) return false;
    await this.claims.deleteOne({ _id: key as never, expiresAt: held.expiresAt });
    return insertUnlessExists(this.claims, { _id: key as never, expiresAt });
  }

  async release(key: string): Promise<void> {
    await this.claims.deleteOne({ _id: key as never });
  }

  deleteExpired(now: Date, limit: number): Promise<number> {
    return deleteExpired(this.claims, now, limit);
  }
}
