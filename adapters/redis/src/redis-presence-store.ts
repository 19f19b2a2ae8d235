import type { PresenceState, PresenceStore } from '@parley/core';
import { script, type Redis } from './redis-client.js';

// Sorted sets scored by expiry time (ms, from the caller's clock): expired members are trimmed first,
// so every answer is as of `now`, and each script runs atomically on the server. Redis key TTLs (a day)
// only collect keys nobody touches any more; they never decide presence.
const CONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('PEXPIRE', KEYS[1], 86400000)
if before == 0 then redis.call('SREM', KEYS[2], ARGV[4]) end
return before == 0 and 1 or 0`;

const DISCONNECT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local removed = redis.call('ZREM', KEYS[1], ARGV[1])
local left = redis.call('ZCARD', KEYS[1])
return (removed == 1 and left == 0) and 1 or 0`;

// Typing: one sorted set per conversation (who types until when), and one set of every indicator by its
// expiry (`typing-due`, members "conversationId userId") that the sweep takes expired ones from. An
// expired indicator stays in both until swept, so its end is announced exactly once.
const SET_TYPING = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], 600000)
return (score and tonumber(score) > tonumber(ARGV[3])) and 1 or 0`;

const CLEAR_TYPING = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[3])
return (score and tonumber(score) > tonumber(ARGV[2])) and 1 or 0`;

const TAKE_EXPIRED_TYPING = `
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  local space = string.find(member, ' ', 1, true)
  redis.call('ZREM', ARGV[3] .. string.sub(member, 1, space - 1), string.sub(member, space + 1))
end
return due`;

/** Presence shared by every API node: a user is online while any node holds a live connection. */
export class RedisPresenceStore implements PresenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'parley:',
  ) {}

  private conns = (userId: string) => `${this.prefix}presence:${userId}`;
  private get awayKey() {
    return `${this.prefix}away`;
  }
  private typers = (conversationId: string) => `${this.prefix}typing:${conversationId}`;
  private get typingDue() {
    return `${this.prefix}typing-due`;
  }

  async connect(userId: string, connectionId: string, expiresAt: Date, now: Date): Promise<{ cameOnline: boolean }> {
    const [came] = await script(
      this.redis,
      CONNECT,
      [this.conns(userId), this.awayKey],
      [connectionId, expiresAt.getTime(), now.getTime(), userId],
    );
    return { cameOnline: came === 1 };
  }

  async heartbeat(userId: string, connectionId: string, expiresAt: Date): Promise<void> {
    await this.redis.zAdd(this.conns(userId), { score: expiresAt.getTime(), value: connectionId }, {
      XX: true,
    } as never);
    await this.redis.pExpire(this.conns(userId), 86_400_000);
  }

  async disconnect(userId: string, connectionId: string, now: Date): Promise<{ wentOffline: boolean }> {
    const [went] = await script(this.redis, DISCONNECT, [this.conns(userId)], [connectionId, now.getTime()]);
    return { wentOffline: went === 1 };
  }

  async setAway(userId: string, away: boolean): Promise<void> {
    if (away) await this.redis.sAdd(this.awayKey, userId);
    else await this.redis.sRem(this.awayKey, userId);
  }

  async get(userIds: readonly string[], now: Date): Promise<PresenceState[]> {
    return Promise.all(
      userIds.map(async (userId) => {
        const [live, away] = await Promise.all([
          this.redis.zCount(this.conns(userId), `(${now.getTime()}`, '+inf'),
          this.redis.sIsMember(this.awayKey, userId),
        ]);
        return { userId, online: live > 0, away: Number(away) === 1 };
      }),
    );
  }

  async setTyping(conversationId: string, userId: string, expiresAt: Date, now: Date): Promise<{ renewed: boolean }> {
    const [renewed] = await script(
      this.redis,
      SET_TYPING,
      [this.typers(conversationId), this.typingDue],
      [userId, expiresAt.getTime(), now.getTime(), `${conversationId} ${userId}`],
    );
    return { renewed: renewed === 1 };
  }

  async clearTyping(conversationId: string, userId: string, now: Date): Promise<boolean> {
    const [removed] = await script(
      this.redis,
      CLEAR_TYPING,
      [this.typers(conversationId), this.typingDue],
      [userId, now.getTime(), `${conversationId} ${userId}`],
    );
    return removed === 1;
  }

  async listTyping(conversationId: string, now: Date): Promise<{ userId: string; expiresAt: Date }[]> {
    const rows = await this.redis.zRangeByScoreWithScores(this.typers(conversationId), `(${now.getTime()}`, '+inf');
    return rows.map((r) => ({ userId: String(r.value), expiresAt: new Date(r.score) }));
  }

  async takeExpiredTyping(now: Date, limit: number): Promise<{ conversationId: string; userId: string }[]> {
    // Names the per-conversation keys it trims from inside the script: fine on one Redis, not on a cluster.
    const due = await this.redis.eval(TAKE_EXPIRED_TYPING, {
      keys: [this.typingDue],
      arguments: [String(now.getTime()), String(limit), `${this.prefix}typing:`],
    });
    return (due as string[]).map((member) => {
      const space = member.indexOf(' ');
      return { conversationId: member.slice(0, space), userId: member.slice(space + 1) };
    });
  }
}
