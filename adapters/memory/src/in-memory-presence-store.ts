import type { PresenceState, PresenceStore } from '@parley/core';

export class InMemoryPresenceStore implements PresenceStore {
  /**
   * userId -> its live connections as a flat list [connectionId, expiry (ms), connectionId, expiry, ...]:
   * most users have one or two, and an online user's entry is per-socket memory, so no map per user.
   */
  private readonly connections = new Map<string, (string | number)[]>();
  private readonly away = new Set<string>();
  /** conversationId -> userId -> expiry (ms). */
  private readonly typing = new Map<string, Map<string, number>>();

  async connect(userId: string, connectionId: string, expiresAt: Date, now: Date): Promise<{ cameOnline: boolean }> {
    const live = this.live(userId, now.getTime());
    const cameOnline = live.length === 0;
    const at = live.indexOf(connectionId);
    if (at >= 0) live[at + 1] = expiresAt.getTime();
    // A user's first connection gets a list of exactly two (pushing onto an empty one reserves 17 slots).
    else if (cameOnline) this.connections.set(userId, [connectionId, expiresAt.getTime()]);
    else live.push(connectionId, expiresAt.getTime());
    if (cameOnline) this.away.delete(userId);
    return { cameOnline };
  }

  async heartbeat(userId: string, connectionId: string, expiresAt: Date): Promise<void> {
    const live = this.connections.get(userId);
    const at = live ? live.indexOf(connectionId) : -1;
    if (live && at >= 0) live[at + 1] = expiresAt.getTime();
  }

  async disconnect(userId: string, connectionId: string, now: Date): Promise<{ wentOffline: boolean }> {
    const live = this.live(userId, now.getTime());
    const at = live.indexOf(connectionId);
    if (at >= 0) live.splice(at, 2);
    if (live.length === 0) this.connections.delete(userId);
    return { wentOffline: at >= 0 && live.length === 0 };
  }

  async setAway(userId: string, away: boolean): Promise<void> {
    if (away) this.away.add(userId);
    else this.away.delete(userId);
  }

  async get(userIds: readonly string[], now: Date): Promise<PresenceState[]> {
    return userIds.map((userId) => ({
      userId,
      online: this.live(userId, now.getTime()).length > 0,
      away: this.away.has(userId),
    }));
  }

  async setTyping(conversationId: string, userId: string, expiresAt: Date, now: Date): Promise<{ renewed: boolean }> {
    let typers = this.typing.get(conversationId);
    if (!typers) this.typing.set(conversationId, (typers = new Map()));
    const renewed = (typers.get(userId) ?? 0) > now.getTime();
    typers.set(userId, expiresAt.getTime());
    return { renewed };
  }

  async clearTyping(conversationId: string, userId: string, now: Date): Promise<boolean> {
    const typers = this.typing.get(conversationId);
    const was = (typers?.get(userId) ?? 0) > now.getTime();
    typers?.delete(userId);
    if (typers?.size === 0) this.typing.delete(conversationId);
    return was;
  }

  async listTyping(conversationId: string, now: Date): Promise<{ userId: string; expiresAt: Date }[]> {
    return [...(this.typing.get(conversationId) ?? [])]
      .filter(([, at]) => at > now.getTime())
      .map(([userId, at]) => ({ userId, expiresAt: new Date(at) }));
  }

  // Expired indicators stay until swept, so each one's end is announced once.
  async takeExpiredTyping(now: Date, limit: number): Promise<{ conversationId: string; userId: string }[]> {
    const taken: { conversationId: string; userId: string }[] = [];
    for (const [conversationId, typers] of this.typing) {
      for (const [userId, at] of typers) {
        if (taken.length >= limit) return taken;
        if (at > now.getTime()) continue;
        typers.delete(userId);
        taken.push({ conversationId, userId });
      }
      if (typers.size === 0) this.typing.delete(conversationId);
    }
    return taken;
  }

  /** The user's unexpired connections (a fresh, unstored list if none: users offline keep no entry). */
  private live(userId: string, now: number): (string | number)[] {
    const conns = this.connections.get(userId);
    if (!conns) return [];
    for (let i = conns.length - 2; i >= 0; i -= 2) if ((conns[i + 1] as number) <= now) conns.splice(i, 2);
    if (conns.length === 0) this.connections.delete(userId);
    return conns;
  }
}
