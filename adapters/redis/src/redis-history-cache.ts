import { randomUUID } from 'node:crypto';
import {
  conversationOfMessage,
  summarizeReactions,
  type Logger,
  type Message,
  type MessageStore,
  type PageQuery,
  type Reaction,
  type ReactionStore,
  type ReactionSummary,
} from '@parley/core';
import type { Redis } from './redis-client.js';

export interface HistoryCacheOptions {
  /** Key prefix shared with the other Redis adapters (REDIS_PREFIX). */
  prefix: string;
  /** How many of a conversation's newest messages a window holds (default 200: four pages of 50). */
  window?: number;
  /**
   * How long a window is served without being read again even if no write says so (default 5 s): the bound on
   * staleness when a write's version bump is lost (a node cut off from Redis but not from the database, or a
   * process killed between its insert and the bump, whose send was never acknowledged).
   */
  ttlMs?: number;
  /** How many conversations' windows a node keeps (least recently used go first; default 2,000). */
  maxConversations?: number;
  now?: () => number;
  logger?: Pick<Logger, 'warn'>;
}

interface Window {
  version: string;
  /** Newest first, consecutive seqs. */
  messages: readonly Message[];
  /** The window reaches the conversation's first message. */
  complete: boolean;
  loadedAt: number;
}

/**
 * The reactions of a conversation's messages that pages asked about, under one version of its reactions (a
 * key of its own: a reaction does not reload the messages' window).
 */
interface ReactionWindow {
  version: string;
  byMessage: Map<string, readonly Reaction[]>;
  loadedAt: number;
}

/** How many messages' reactions a conversation's reaction window holds before it starts again. */
const REACTION_WINDOW_MESSAGES = 1_000;

/** A window older than this share of the TTL is read again in the background while it is still served. */
const REFRESH_AHEAD = 0.6;

/** Matches no user: a window holds the messages hidden for anyone, and each page filters them for its viewer. */
const EVERYONE = '\u0001every viewer';
/** Version keys outlive any window by far, and go by themselves for idle conversations. */
const VERSION_KEY_MS = 86_400_000;

/**
 * The newest messages of each busy conversation, kept in each node's memory and checked against a version in
 * Redis before every page: history's latest pages (what people read most) cost one Redis GET instead of a
 * database query. On FerretDB a page is otherwise two table scans in PostgreSQL, growing with the whole log.
 *
 * Exact, across nodes: every write to a message (append, update, hide) goes through `wrap`, which sets the
 * conversation's version to a new random value in Redis after the database write and before the write returns,
 * so before any client is told it succeeded; a page reads the version first and serves its window only if it was
 * loaded under that same version. A window loaded while a write was landing was loaded under the older version
 * and is reloaded by the next page. Versions are random, never counters, so a Redis restart cannot bring an old
 * one back; a missing version is claimed anew (SET NX) before loading, so nothing cached before survives it.
 *
 * When Redis fails, this node drops every window and reads the database until Redis answers again; a write
 * whose bump failed is bumped again then. A node cut off from Redis while others are not keeps acknowledging
 * writes the others cannot see announced: their windows catch up within `ttlMs` (5 s). Documented in
 * docs/real-adapters.md.
 */
export class RedisHistoryCache {
  private readonly windows = new Map<string, Window>();
  private readonly reactionWindows = new Map<string, ReactionWindow>();
  /** Window reads in flight, by conversation and version. */
  private readonly loading = new Map<string, Promise<Window>>();
  /** Writes this node made, per conversation: a window loaded across one of them is not kept. */
  private readonly writes = new Map<string, number>();
  /** Conversations whose version bump failed: bumped again when Redis is back. */
  private readonly unannounced = new Set<string>();
  private healthy = true;
  /** While unhealthy: when the next page may try Redis again. */
  private retryAt = 0;
  private readonly size: number;
  private readonly ttlMs: number;
  private readonly maxConversations: number;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly options: HistoryCacheOptions,
  ) {
    this.size = options.window ?? 200;
    this.ttlMs = options.ttlMs ?? 5_000;
    this.maxConversations = options.maxConversations ?? 2_000;
    this.now = options.now ?? Date.now;
    redis.on('error', () => this.lost());
    redis.on('end', () => this.lost());
  }

  /** How many conversations have a window here (tests, metrics). */
  get cached(): number {
    return this.windows.size;
  }

  /** The store, with pages served from windows and every message write announced. */
  wrap(store: MessageStore): MessageStore {
    const wrapped: MessageStore = Object.create(store);
    wrapped.page = (conversationId, query) => this.page(store, conversationId, query);
    wrapped.append = async (draft, outbox) => {
      const result = await store.append(draft, outbox);
      await this.changed(draft.conversationId);
      return result;
    };
    wrapped.update = async (id, patch) => {
      const message = await store.update(id, patch);
      if (message) await this.changed(message.conversationId);
      return message;
    };
    wrapped.hideFor = async (id, userId) => {
      await store.hideFor(id, userId);
      const conversationId = this.conversationOf(id) ?? (await store.findById(id))?.conversationId;
      if (conversationId) await this.changed(conversationId);
    };
    return wrapped;
  }

  /**
   * The reaction store, with the summaries of a page's messages served from memory (one Redis GET instead of a
   * database query) and every reaction write announced the same way as message writes, under the conversation's
   * reaction version. Messages whose id does not name their conversation (made before ids did) go to the store.
   */
  wrapReactions(store: ReactionStore): ReactionStore {
    const wrapped: ReactionStore = Object.create(store);
    wrapped.summarize = (messageIds, viewerId) => this.summarize(store, messageIds, viewerId);
    wrapped.add = async (reaction) => {
      const added = await store.add(reaction);
      if (added) await this.changed(conversationOfMessage(reaction.messageId) ?? reaction.conversationId, 'hr');
      return added;
    };
    wrapped.remove = async (messageId, userId, emoji) => {
      const removed = await store.remove(messageId, userId, emoji);
      const conversationId = conversationOfMessage(messageId);
      if (removed && conversationId) await this.changed(conversationId, 'hr');
      return removed;
    };
    wrapped.removeAllForMessage = async (messageId) => {
      const removed = await store.removeAllForMessage(messageId);
      const conversationId = conversationOfMessage(messageId);
      if (removed > 0 && conversationId) await this.changed(conversationId, 'hr');
      return removed;
    };
    return wrapped;
  }

  private async summarize(
    store: ReactionStore,
    messageIds: readonly string[],
    viewerId: string,
  ): Promise<Map<string, ReactionSummary[]>> {
    const conversations = new Set(messageIds.map(conversationOfMessage));
    const [conversationId] = conversations;
    if (messageIds.length === 0 || conversations.size !== 1 || !conversationId)
      return store.summarize(messageIds, viewerId);
    const version = await this.version(conversationId, 'hr');
    if (version === null) return store.summarize(messageIds, viewerId);
    const cached = this.reactionWindows.get(conversationId);
    const fresh = cached && cached.version === version && this.now() - cached.loadedAt < this.ttlMs ? cached : null;
    const missing = messageIds.filter((id) => !fresh?.byMessage.has(id));
    const window =
      missing.length === 0 ? fresh! : await this.loadReactions(store, conversationId, version, fresh, missing);
    return summarizeReactions(
      messageIds.flatMap((id) => window.byMessage.get(id) ?? []),
      viewerId,
    );
  }

  /** The window with the reactions of `missing` read from the store, kept unless a write here overlapped the read. */
  private async loadReactions(
    store: ReactionStore,
    conversationId: string,
    version: string,
    base: ReactionWindow | null,
    missing: string[],
  ): Promise<ReactionWindow> {
    const writesBefore = this.writes.get(conversationId) ?? 0;
    const loadedAt = this.now();
    const rows = await store.listForMessages(missing);
    const kept = base && base.byMessage.size + missing.length <= REACTION_WINDOW_MESSAGES ? base : null;
    const window: ReactionWindow = {
      version,
      byMessage: new Map(kept?.byMessage),
      loadedAt: kept?.loadedAt ?? loadedAt,
    };
    for (const id of missing) window.byMessage.set(id, []);
    for (const row of rows) (window.byMessage.get(row.messageId) as Reaction[] | undefined)?.push(Object.freeze(row));
    if ((this.writes.get(conversationId) ?? 0) === writesBefore && this.healthy) {
      this.reactionWindows.delete(conversationId);
      if (this.reactionWindows.size >= this.maxConversations)
        this.reactionWindows.delete(this.reactionWindows.keys().next().value!);
      this.reactionWindows.set(conversationId, window);
    }
    return window;
  }

  private async page(store: MessageStore, conversationId: string, query: PageQuery): Promise<Message[]> {
    const window = await this.window(store, conversationId);
    return (window && serve(window, query)) ?? store.page(conversationId, query);
  }

  private async window(store: MessageStore, conversationId: string): Promise<Window | null> {
    const version = await this.version(conversationId, 'hv');
    if (version === null) return null;
    const cached = this.windows.get(conversationId);
    const age = cached && cached.version === version ? this.now() - cached.loadedAt : Infinity;
    if (age < this.ttlMs) {
      this.windows.delete(conversationId);
      this.windows.set(conversationId, cached!);
      // Read again ahead of the TTL, in the background: busy conversations never wait for their window.
      if (age >= this.ttlMs * REFRESH_AHEAD) void this.load(store, conversationId, version).catch(() => undefined);
      return cached!;
    }
    return this.load(store, conversationId, version);
  }

  /**
   * The conversation's window read under `version`, one read at a time: pages that miss together (or a refresh
   * ahead and a miss) share it. Sharing is exact: a page that read the same version would have been told of any
   * write acknowledged since the read began, by a new version.
   */
  private load(store: MessageStore, conversationId: string, version: string): Promise<Window> {
    const key = `${conversationId}\u0000${version}`;
    const running = this.loading.get(key);
    if (running) return running;
    const loading = (async () => {
      const writesBefore = this.writes.get(conversationId) ?? 0;
      const loadedAt = this.now();
      const messages = (await store.page(conversationId, { limit: this.size, viewerId: EVERYONE })).map((m) =>
        Object.freeze(m),
      );
      const complete = messages.length < this.size || messages.at(-1)?.seq === 1;
      const window: Window = { version, messages, complete, loadedAt };
      const newer = (this.windows.get(conversationId)?.loadedAt ?? -Infinity) > loadedAt;
      if ((this.writes.get(conversationId) ?? 0) === writesBefore && this.healthy && !newer)
        this.keep(conversationId, window);
      return window;
    })().finally(() => this.loading.delete(key));
    this.loading.set(key, loading);
    return loading;
  }

  /**
   * The conversation's current version of its messages (`hv`) or reactions (`hr`), claimed anew if Redis lost it;
   * null while Redis fails (read the database then).
   */
  private async version(conversationId: string, kind: 'hv' | 'hr'): Promise<string | null> {
    if (!this.healthy && !(this.now() >= this.retryAt && (await this.back()))) return null;
    const key = this.key(conversationId, kind);
    try {
      const version = await this.redis.get(key);
      if (version !== null) return version;
      await this.redis.set(key, randomUUID(), { NX: true, PX: VERSION_KEY_MS });
      return await this.redis.get(key);
    } catch {
      this.lost();
      return null;
    }
  }

  private keep(conversationId: string, window: Window): void {
    this.windows.delete(conversationId);
    if (this.windows.size >= this.maxConversations) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(conversationId, window);
  }

  /** After a write: this node's window goes at once, every node's at its next page (the new version). */
  private async changed(conversationId: string, kind: 'hv' | 'hr' = 'hv'): Promise<void> {
    this.writes.set(conversationId, (this.writes.get(conversationId) ?? 0) + 1);
    (kind === 'hv' ? this.windows : this.reactionWindows).delete(conversationId);
    try {
      await this.redis.set(this.key(conversationId, kind), randomUUID(), { PX: VERSION_KEY_MS });
    } catch (error) {
      this.unannounced.add(`${kind}:${conversationId}`);
      this.lost();
      this.options.logger?.warn('history cache: a write was not announced; other nodes catch up within the TTL', {
        conversationId,
        error: String(error),
      });
    }
  }

  private conversationOf(messageId: string): string | undefined {
    for (const [conversationId, window] of this.windows)
      if (window.messages.some((m) => m.id === messageId)) return conversationId;
    return undefined;
  }

  private lost(): void {
    this.healthy = false;
    this.retryAt = this.now() + 1_000;
    this.windows.clear();
    this.reactionWindows.clear();
  }

  /** Once a second while Redis fails: announces the writes it missed, then serves windows again. */
  private async back(): Promise<boolean> {
    this.retryAt = this.now() + 1_000;
    try {
      for (const unannounced of [...this.unannounced]) {
        const [kind, conversationId] = [unannounced.slice(0, 2) as 'hv' | 'hr', unannounced.slice(3)];
        await this.redis.set(this.key(conversationId, kind), randomUUID(), { PX: VERSION_KEY_MS });
        this.unannounced.delete(unannounced);
      }
      await this.redis.ping();
    } catch {
      return false;
    }
    this.windows.clear();
    this.reactionWindows.clear();
    this.healthy = true;
    return true;
  }

  private key(conversationId: string, kind: 'hv' | 'hr'): string {
    return `${this.options.prefix}${kind}:${conversationId}`;
  }
}

/** The page from a window, or null when the window does not hold all of it. */
function serve(window: Window, query: PageQuery): Message[] | null {
  const { messages, complete } = window;
  if (messages.length === 0) return complete ? [] : null;
  const head = messages[0]!.seq;
  const oldest = messages.at(-1)!.seq;
  const visible = (m: Message) => !m.hiddenFor.includes(query.viewerId);
  const found: Message[] = [];
  if (query.after !== undefined) {
    if (query.after + 1 < oldest && !complete) return null;
    for (let i = messages.length - 1; i >= 0 && found.length < query.limit; i -= 1) {
      const m = messages[i]!;
      if (m.seq > query.after && (query.before === undefined || m.seq < query.before) && visible(m)) found.push(m);
    }
    return found;
  }
  const top = Math.min(head, query.before === undefined ? head : query.before - 1);
  if (top < oldest) return complete ? [] : null;
  for (let i = head - top; i < messages.length && found.length < query.limit; i += 1)
    if (visible(messages[i]!)) found.push(messages[i]!);
  return found.length === query.limit || complete ? found : null;
}
