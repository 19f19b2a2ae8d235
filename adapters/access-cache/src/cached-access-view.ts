import {
  CACHE_TOPIC,
  type AccessChange,
  type AccessView,
  type ContentFilter,
  type Conversation,
  type FeatureFlag,
  type FlagName,
  type Participant,
  type Ports,
  type RealtimeEvent,
  type RefreshTokenFamily,
  type Unsubscribe,
  type User,
} from '@parley/core';

export type AccessCacheDeps = Pick<
  Ports,
  | 'conversations'
  | 'participants'
  | 'users'
  | 'flags'
  | 'sessions'
  | 'blocks'
  | 'contentFilters'
  | 'publisher'
  | 'logger'
>;

export interface AccessCacheOptions {
  /**
   * How long an entry may be served without being read again. Invalidations keep entries correct within
   * the publisher's delivery time; the TTL bounds staleness if an invalidation is lost (Redis pub/sub is
   * at-most-once, e.g. across a reconnect).
   */
  ttlMs?: number;
  maxEntries?: number;
  /** Runs `run` every `ms` until the returned function is called (the app's timer; the core has none). */
  every?: (ms: number, run: () => void) => () => void;
  now?: () => number;
}

const keys = {
  conversation: (id: string) => `c:${id}`,
  participant: (conversationId: string, userId: string) => `p:${conversationId}:${userId}`,
  user: (id: string) => `u:${id}`,
  flag: (name: string) => `f:${name}`,
  session: (id: string) => `s:${id}`,
  /** The whole list of content filters: one entry. */
  filters: 'cf',
  /** A block either way between two people: one entry per pair. */
  block: (a: string, b: string) => (a < b ? `b:${a}:${b}` : `b:${b}:${a}`),
  /** Not an entry: drops every cached session of the user. */
  sessionsOf: (userId: string) => `su:${userId}`,
};

/**
 * What a send must know about its sender — the conversation, the sender's membership and role, the
 * account's ban state, feature flags, content filters — read through from the stores and kept in memory. Every write to
 * those rows goes through `wrap`, which drops the entry on this node at once and on every other node
 * through the event publisher (Redis across nodes). A read that overlaps an invalidation is not cached,
 * so a removal can never be overwritten by an older read. Sessions are here too, so a revoked access
 * token stops working on every node as soon as the invalidation arrives, not when the token expires.
 */
export class CachedAccessView implements AccessView {
  private readonly entries = new Map<string, { value: unknown; until: number }>();
  private epoch = 0;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private subscription: Promise<Unsubscribe> | null = null;
  private stopSweeps: (() => void) | null = null;
  private lastSweep: number;
  private readonly every: AccessCacheOptions['every'];
  private readonly watchers = new Set<(change: AccessChange) => void>();

  constructor(
    private readonly deps: AccessCacheDeps,
    options: AccessCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 100_000;
    this.now = options.now ?? Date.now;
    this.every = options.every;
    this.lastSweep = this.now();
  }

  /**
   * Starts listening for other nodes' invalidations, and sweeping expired entries twice per TTL; idempotent. If
   * the subscription fails (the publisher cannot reach Redis), the next start asks for it again.
   */
  start(): Promise<Unsubscribe> {
    this.stopSweeps ??= this.every?.(this.ttlMs / 2, () => this.sweep()) ?? null;
    if (!this.subscription) {
      const asked = this.deps.publisher.subscribe(CACHE_TOPIC, (event: RealtimeEvent) => {
        if (event.kind === 'ephemeral' && event.event.type === 'cache.invalidated') this.drop(event.event.keys);
      });
      this.subscription = asked;
      asked.catch(() => {
        if (this.subscription === asked) this.subscription = null;
      });
    }
    return this.subscription;
  }

  async stop(): Promise<void> {
    this.stopSweeps?.();
    this.stopSweeps = null;
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await (await subscription.catch(() => async () => {}))();
  }

  /**
   * Drops the entries past their time. Without it an expired row stayed until 100,000 newer ones pushed it
   * out: an idle server kept the user and session rows of every socket it ever admitted.
   */
  sweep(): number {
    const now = this.now();
    this.lastSweep = now;
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.until > now) continue;
      this.entries.delete(key);
      dropped += 1;
    }
    return dropped;
  }

  /** How many entries are held (for tests and metrics). */
  get size(): number {
    return this.entries.size;
  }

  conversation(id: string): Promise<Conversation | null> {
    return this.through(keys.conversation(id), () => this.deps.conversations.findById(id));
  }

  participant(conversationId: string, userId: string): Promise<Participant | null> {
    return this.through(keys.participant(conversationId, userId), () =>
      this.deps.participants.find(conversationId, userId),
    );
  }

  user(id: string): Promise<User | null> {
    return this.through(keys.user(id), () => this.deps.users.findById(id));
  }

  async blocked(a: string, b: string): Promise<boolean> {
    return (await this.through(keys.block(a, b), () => this.deps.blocks.between(a, b))) === true;
  }

  flag(name: FlagName): Promise<FeatureFlag | null> {
    return this.through(keys.flag(name), () => this.deps.flags.get(name), true);
  }

  async filters(): Promise<ContentFilter[]> {
    return (await this.through(keys.filters, () => this.deps.contentFilters.list())) ?? [];
  }

  /** The refresh-token family an access token belongs to: revoked families sign their tokens out. */
  session(id: string): Promise<RefreshTokenFamily | null> {
    return this.through(keys.session(id), () => this.deps.sessions.findById(id));
  }

  /** Calls `listener` after every invalidation of users or sessions, local or from another node. */
  watch(listener: (change: AccessChange) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** Drops the entries here and on every other node. */
  async invalidate(changed: string[]): Promise<void> {
    this.drop(changed);
    try {
      await this.deps.publisher.publish(CACHE_TOPIC, {
        kind: 'ephemeral',
        event: { type: 'cache.invalidated', keys: changed },
      });
    } catch (error) {
      this.deps.logger.warn('cache invalidation not broadcast; other nodes catch up within the TTL', {
        error: String(error),
      });
    }
  }

  /**
   * The stores with every write to a cached row invalidating it, and flag reads served from the cache.
   * Use these ports for all writes; only monotonic marks that no access decision reads (read/delivery
   * watermarks, activity) pass straight through.
   */
  wrap<
    P extends Pick<
      Ports,
      'conversations' | 'participants' | 'users' | 'flags' | 'sessions' | 'blocks' | 'contentFilters'
    >,
  >(ports: P): P {
    const { conversations, participants, users, flags, sessions, blocks, contentFilters } = ports;
    const after =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>, changed: (...args: A) => string[]) =>
      async (...args: A): Promise<R> => {
        try {
          return await write(...args);
        } finally {
          await this.invalidate(changed(...args));
        }
      };
    return {
      ...ports,
      conversations: override(conversations, {
        update: after(conversations.update.bind(conversations), (id) => [keys.conversation(id)]),
        setUsername: after(conversations.setUsername.bind(conversations), (id) => [keys.conversation(id)]),
      }),
      participants: override(participants, {
        add: after(participants.add.bind(participants), (p) => [keys.participant(p.conversationId, p.userId)]),
        update: after(participants.update.bind(participants), (c, u) => [keys.participant(c, u)]),
      }),
      users: override(users, { update: after(users.update.bind(users), (id) => [keys.user(id)]) }),
      blocks: override(blocks, {
        add: after(blocks.add.bind(blocks), (b) => [keys.block(b.blockerId, b.blockedId)]),
        remove: after(blocks.remove.bind(blocks), (blocker, blocked) => [keys.block(blocker, blocked)]),
      }),
      flags: override(flags, {
        get: (name: FlagName) => this.flag(name),
        set: after(flags.set.bind(flags), (flag) => [keys.flag(flag.name)]),
      }),
      contentFilters: override(contentFilters, {
        add: after(contentFilters.add.bind(contentFilters), (_filter: ContentFilter) => [keys.filters]),
        remove: after(contentFilters.remove.bind(contentFilters), (_id: string) => [keys.filters]),
        list: () => this.filters(),
      }),
      sessions: override(sessions, {
        revoke: after(sessions.revoke.bind(sessions), (id) => [keys.session(id)]),
        revokeAllForUser: after(
          sessions.revokeAllForUser.bind(sessions),
          (userId: string, _at: Date, _keep?: string) => [keys.sessionsOf(userId)],
        ),
      }),
    };
  }

  private async through<T>(key: string, load: () => Promise<T | null>, cacheNull = false): Promise<T | null> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value as T | null;
    // Busy processes sweep on their misses, at most once per TTL; idle ones through `every`, when given.
    if (this.now() - this.lastSweep >= this.ttlMs) this.sweep();
    const epoch = this.epoch;
    const value = await load();
    if (epoch === this.epoch && (value !== null || cacheNull)) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, { value, until: this.now() + this.ttlMs });
    }
    return value;
  }

  private drop(changed: string[]): void {
    this.epoch += 1;
    const change: AccessChange = { users: [], sessions: [] };
    for (const key of changed) {
      if (key.startsWith('su:')) {
        const userId = key.slice(3);
        change.users.push(userId);
        // Rare (ban, erasure, password change): a scan of the entries beats an index kept on every read.
        for (const [k, entry] of this.entries)
          if (k.startsWith('s:') && (entry.value as RefreshTokenFamily | null)?.userId === userId)
            this.entries.delete(k);
        continue;
      }
      this.entries.delete(key);
      if (key.startsWith('u:')) change.users.push(key.slice(2));
      if (key.startsWith('s:')) change.sessions.push(key.slice(2));
    }
    if (change.users.length === 0 && change.sessions.length === 0) return;
    for (const watcher of this.watchers) {
      try {
        watcher(change);
      } catch (error) {
        this.deps.logger.warn('an access-change watcher failed', { error: String(error) });
      }
    }
  }
}

/** The object with some methods replaced; every other member is the original's, bound to it. */
function override<T extends object>(target: T, methods: Partial<T>): T {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property) {
      if (property in methods) return methods[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      if (!bound.has(property)) bound.set(property, (value as (...args: unknown[]) => unknown).bind(object));
      return bound.get(property);
    },
  });
}

/**
 * The stores with a started CachedAccessView over them, ready for `createParley`: writes go through the
 * wrapped stores (so they invalidate), reads of access rows through the view. `ready` resolves once it
 * listens for other processes' invalidations; `access.stop()` ends that.
 */
export function withAccessCache<P extends AccessCacheDeps>(ports: P, options: AccessCacheOptions = {}) {
  const access = new CachedAccessView(ports, options);
  return { ...access.wrap(ports), access, ready: access.start() };
}
