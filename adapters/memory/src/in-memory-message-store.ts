import {
  deepFreeze,
  type Message,
  type MessageDraft,
  type MessageRef,
  type MessageStore,
  type OutboxEntry,
  type OutboxLog,
  type OutboxRecord,
  type PageQuery,
  type SearchQuery,
} from '@parley/core';
import { byDateDescThenIdDesc, clone, frozenClone, isBefore } from './clone.js';
import { InMemoryConversationLog } from './in-memory-conversation-log.js';

/**
 * Messages are stored frozen and handed out as they are: reads copy nothing (a history page is 50
 * references, not 50 deep clones), and every write replaces the stored object with a new frozen one
 * (copy on write), so no caller can change stored state, and a caller that tries gets a TypeError.
 */

/** Idempotency is per conversation: a client id names one send of one sender in one conversation. */
const keyOf = (conversationId: string, senderId: string, clientMessageId: string) =>
  `${conversationId}\u0000${senderId}\u0000${clientMessageId}`;
export class InMemoryMessageStore implements MessageStore, OutboxLog {
  private readonly byId = new Map<string, Message>();
  /** The outbox entry stored with a message (by message id), beside it rather than in it. */
  private readonly outbox = new Map<string, OutboxEntry>();
  private readonly byClientId = new Map<string, Message>();
  /**
   * What `listNotUnread` needs, kept as messages come and go, so an unread count costs what it finds
   * rather than the distance to the reader's watermark: each sender's seqs per conversation, and each
   * conversation's deleted seqs (both ascending).
   */
  private readonly ownSeqs = new Map<string, number[]>();
  private readonly deletedSeqs = new Map<string, number[]>();

  /** Pass the log the event store uses, so messages show up as their `message.created` events. */
  constructor(private readonly log = new InMemoryConversationLog()) {}

  async append(
    draft: MessageDraft,
    outbox?: OutboxEntry,
  ): Promise<{ message: Message; created: boolean; outbox: OutboxEntry | null }> {
    const clientKey = draft.clientMessageId ? keyOf(draft.conversationId, draft.senderId, draft.clientMessageId) : null;
    const earlier = clientKey ? this.byClientId.get(clientKey) : undefined;
    if (earlier) return { message: earlier, created: false, outbox: this.outbox.get(earlier.id) ?? null };
    const message = this.log.appendMessage(draft);
    this.byId.set(message.id, message);
    if (outbox) this.outbox.set(message.id, frozenClone(outbox));
    if (clientKey) this.byClientId.set(clientKey, message);
    const key = `${message.conversationId}\u0000${message.senderId}`;
    const own = this.ownSeqs.get(key);
    if (own) own.push(message.seq);
    else this.ownSeqs.set(key, [message.seq]);
    if (message.deletedAt) this.markDeleted(message);
    return { message, created: true, outbox: this.outbox.get(message.id) ?? null };
  }

  async findById(id: string): Promise<Message | null> {
    return this.byId.get(id) ?? null;
  }

  async findManyByIds(ids: readonly string[]): Promise<Message[]> {
    return [...new Set(ids)].flatMap((id) => (this.byId.has(id) ? [this.byId.get(id)!] : []));
  }

  async findByClientId(conversationId: string, senderId: string, clientMessageId: string): Promise<Message | null> {
    return this.byClientId.get(keyOf(conversationId, senderId, clientMessageId)) ?? null;
  }

  async page(conversationId: string, query: PageQuery): Promise<Message[]> {
    const list = this.log.messagesOf(conversationId);
    const visible = (m: Message) => !m.hiddenFor.includes(query.viewerId);
    const out: Message[] = [];
    if (query.after !== undefined) {
      const end = Math.min(list.length, query.before === undefined ? list.length : query.before - 1);
      for (let i = query.after; i < end && out.length < query.limit; i += 1) if (visible(list[i]!)) out.push(list[i]!);
    } else {
      const start = Math.min(query.before === undefined ? list.length : query.before - 1, list.length) - 1;
      for (let i = start; i >= 0 && out.length < query.limit; i -= 1) if (visible(list[i]!)) out.push(list[i]!);
    }
    return out;
  }

  async update(
    id: string,
    patch: Partial<Omit<Message, 'id' | 'conversationId' | 'seq' | 'senderId'>>,
  ): Promise<Message | null> {
    const message = this.byId.get(id);
    if (!message) return null;
    return this.replace({ ...message, ...clone(patch) });
  }

  async hideFor(id: string, userId: string): Promise<void> {
    const message = this.byId.get(id);
    if (message && !message.hiddenFor.includes(userId))
      this.replace({ ...message, hiddenFor: [...message.hiddenFor, userId] });
  }

  /** Copy on write: the new version replaces the old everywhere it is referenced. */
  private replace(next: Message): Message {
    const stored = deepFreeze(next);
    if (stored.deletedAt && !this.byId.get(stored.id)?.deletedAt) this.markDeleted(stored);
    this.byId.set(stored.id, stored);
    if (stored.clientMessageId) {
      const key = keyOf(stored.conversationId, stored.senderId, stored.clientMessageId);
      if (this.byClientId.get(key)?.id === stored.id) this.byClientId.set(key, stored);
    }
    this.log.replaceMessage(stored);
    return stored;
  }

  async findBySeqs(refs: readonly MessageRef[]): Promise<Message[]> {
    return refs.flatMap((ref) => {
      const message = this.log.messagesOf(ref.conversationId)[ref.seq - 1];
      return message ? [message] : [];
    });
  }

  async listNotUnread(viewerId: string, after: readonly MessageRef[], limit: number): Promise<MessageRef[]> {
    const out: MessageRef[] = [];
    for (const ref of after) {
      // The viewer's own seqs and the deleted ones past the watermark, merged in seq order (a deleted
      // message of the viewer's is in both lists and counts once).
      const own = this.ownSeqs.get(`${ref.conversationId}\u0000${viewerId}`) ?? [];
      const deleted = this.deletedSeqs.get(ref.conversationId) ?? [];
      let i = firstAfter(own, ref.seq);
      let j = firstAfter(deleted, ref.seq);
      while (out.length < limit && (i < own.length || j < deleted.length)) {
        const seq = Math.min(own[i] ?? Infinity, deleted[j] ?? Infinity);
        if (own[i] === seq) i += 1;
        if (deleted[j] === seq) j += 1;
        out.push({ conversationId: ref.conversationId, seq });
      }
    }
    return out;
  }

  /** Deletion is final (content goes, the row stays): its seq joins the conversation's deleted ones, in order. */
  private markDeleted(message: Message): void {
    const deleted = this.deletedSeqs.get(message.conversationId);
    if (deleted) deleted.splice(firstAfter(deleted, message.seq), 0, message.seq);
    else this.deletedSeqs.set(message.conversationId, [message.seq]);
  }

  async search(query: SearchQuery): Promise<Message[]> {
    const words = query.text.toLowerCase().split(/\s+/).filter(Boolean);
    const hits: Message[] = [];
    for (const conversationId of query.conversationIds) {
      for (const m of this.log.messagesOf(conversationId)) {
        if (m.deletedAt || !m.content || m.hiddenFor.includes(query.viewerId) || !isBefore(m, query.before)) continue;
        const text = m.content.toLowerCase();
        if (words.every((w) => text.includes(w))) hits.push(m);
      }
    }
    return hits.sort(byDateDescThenIdDesc).slice(0, query.limit);
  }

  async listBySender(senderId: string, opts: { afterId?: string; limit: number }): Promise<Message[]> {
    return [...this.byId.values()]
      .filter((m) => m.senderId === senderId && (opts.afterId === undefined || m.id > opts.afterId))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, opts.limit);
  }

  async countBySender(senderId: string): Promise<number> {
    let n = 0;
    for (const m of this.byId.values()) if (m.senderId === senderId) n += 1;
    return n;
  }

  async listCreatedBefore(conversationId: string, before: Date, limit: number): Promise<Message[]> {
    return this.log
      .messagesOf(conversationId)
      .filter((m) => !m.deletedAt && m.createdAt < before)
      .slice(0, limit);
  }

  async listDeletedBefore(before: Date, limit: number): Promise<Message[]> {
    return [...this.byId.values()]
      .filter((m) => m.deletedAt !== null && m.deletedAt < before && (m.content !== null || m.attachmentIds.length > 0))
      .slice(0, limit);
  }

  async listByOrigin(
    origin: string,
    since: Date,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<OutboxRecord[]> {
    const from = since.getTime();
    const past = (m: Message) =>
      !after ||
      m.createdAt > after.createdAt ||
      (m.createdAt.getTime() === after.createdAt.getTime() && m.id > after.id);
    return [...this.outbox]
      .filter(([, entry]) => entry.origin === origin)
      .map(([id, entry]) => ({ ...entry, message: this.byId.get(id)! }))
      .filter(({ message: m }) => m.createdAt.getTime() >= from && past(m))
      .sort(
        ({ message: a }, { message: b }) =>
          a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(0, limit);
  }

  async find(messageId: string): Promise<OutboxEntry | null> {
    return this.outbox.get(messageId) ?? null;
  }

  async count(): Promise<number> {
    return this.byId.size;
  }
}

/** The index of the first value above `seq` in an ascending list (its length if none). */
function firstAfter(seqs: readonly number[], seq: number): number {
  let low = 0;
  let high = seqs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (seqs[mid]! <= seq) low = mid + 1;
    else high = mid;
  }
  return low;
}
