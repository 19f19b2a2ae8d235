import type { NotificationLog } from '@parley/core';

/** Notification claims in a map: key -> when the claim expires (ms). */
export class InMemoryNotificationLog implements NotificationLog {
  private readonly claims = new Map<string, number>();

  async claim(key: string, expiresAt: Date, now: Date): Promise<boolean> {
    const held = this.claims.get(key);
    if (held !== undefined && held > now.getTime()) return false;
    this.claims.set(key, expiresAt.getTime());
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    let deleted = 0;
    for (const [key, expiresAt] of this.claims) {
      if (deleted === limit) break;
      if (expiresAt > now.getTime()) continue;
      this.claims.delete(key);
      deleted += 1;
    }
    return deleted;
  }
}
