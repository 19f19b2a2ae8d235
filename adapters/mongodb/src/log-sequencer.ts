import type { Collection, Document } from 'mongodb';
import { isDuplicateKey, sleep } from './support.js';

/** Where a conversation's stream stands: its last eventSeq and the highest message seq up to it. */
export interface LogHead {
  eventSeq: number;
  seq: number;
}

/**
 * Positions in the conversation log (messages and events in one collection). Every entry records the
 * eventSeq it takes and the message seq high-water mark at that point, and the unique index on
 * (conversationId, eventSeq) is the only arbiter: an insert either takes the next position or fails.
 *
 * - O(1) in the common case: the process remembers each conversation's head after its own inserts, so it
 *   reads the head only the first time, and again after losing a race to another process.
 * - Dense and gap-free for readers: a process takes position n+1 only after seeing n stored (its own
 *   insert or a read), and runs one insert at a time per conversation, so entry n+1 never becomes
 *   visible before entry n. Seqs follow from the eventSeqs, so they are dense too.
 * - Holds on MongoDB and FerretDB alike: no counters, no transactions, only a unique index.
 */
export class LogSequencer {
  private readonly heads = new Map<string, LogHead>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(
    private readonly log: Collection<Document>,
    private readonly maxHeads = 50_000,
  ) {}

  /**
   * Inserts `make(position)` at the conversation's next position. On a duplicate key, `onDuplicate` may
   * resolve the append another way (an idempotency key already stored: its entry); otherwise the head is
   * read again and the insert retried.
   */
  append<T>(
    conversationId: string,
    isMessage: boolean,
    make: (position: LogHead) => Document,
    onDuplicate: () => Promise<T | null>,
  ): Promise<{ inserted: Document } | { existing: T }> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.insert(conversationId, isMessage, make, onDuplicate));
    this.tails.set(conversationId, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.tails.get(conversationId) === next) this.tails.delete(conversationId);
      });
    return next;
  }

  /** Tests: the head this process believes in, or undefined before its first append. */
  knownHead(conversationId: string): LogHead | undefined {
    return this.heads.get(conversationId);
  }

  private async insert<T>(
    conversationId: string,
    isMessage: boolean,
    make: (position: LogHead) => Document,
    onDuplicate: () => Promise<T | null>,
  ): Promise<{ inserted: Document } | { existing: T }> {
    for (let attempt = 0; attempt < 1000; attempt += 1) {
      const head = this.heads.get(conversationId) ?? (await this.readHead(conversationId));
      const position = { eventSeq: head.eventSeq + 1, seq: head.seq + (isMessage ? 1 : 0) };
      const doc = make(position);
      try {
        await this.log.insertOne(doc);
        this.remember(conversationId, position);
        return { inserted: doc };
      } catch (error) {
        this.heads.delete(conversationId);
        if (!isDuplicateKey(error)) throw error;
        const existing = await onDuplicate();
        if (existing !== null) return { existing };
        if (attempt > 3) await sleep(Math.random() * 5 * Math.min(attempt, 10));
      }
    }
    throw new Error(`could not take the next position in conversation ${conversationId}`);
  }

  private async readHead(conversationId: string): Promise<LogHead> {
    const last = await this.log
      .find({ conversationId }, { projection: { eventSeq: 1, seq: 1 } })
      .sort({ eventSeq: -1 })
      .limit(1)
      .next();
    return { eventSeq: (last?.eventSeq as number | undefined) ?? 0, seq: (last?.seq as number | undefined) ?? 0 };
  }

  private remember(conversationId: string, head: LogHead): void {
    this.heads.delete(conversationId);
    if (this.heads.size >= this.maxHeads) this.heads.delete(this.heads.keys().next().value!);
    this.heads.set(conversationId, head);
  }
}
