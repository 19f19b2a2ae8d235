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
 *   insert or a read), and runs one insert at a time per conversation — one document, or an ordered
 *   batch of consecutive positions, stored in order — so entry n+1 never becomes visible before entry n.
 *   Seqs follow from the eventSeqs, so they are dense too.
 * - Holds on MongoDB and FerretDB alike: no counters, no transactions, only a unique index.
 */
/** One append waiting for its position. */
interface Waiting {
  isMessage: boolean;
  make: (position: LogHead) => Document;
  onDuplicate: () => Promise<unknown>;
  settle: (outcome: { inserted: Document } | { existing: unknown }) => void;
  fail: (error: unknown) => void;
}

/** How many of the appends waiting in one conversation go into one insert. */
export const MAX_BATCH = 64;

export class LogSequencer {
  private readonly heads = new Map<string, LogHead>();
  /** Appends waiting per conversation, while an insert for it is in flight. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    private readonly log: Collection<Document>,
    private readonly maxHeads = 50_000,
  ) {}

  /**
   * Inserts `make(position)` at the conversation's next position. On a duplicate key, `onDuplicate` may
   * resolve the append another way (an idempotency key already stored: its entry); otherwise the head is
   * read again and the insert retried. Appends that arrive while one is in flight for the same conversation
   * wait, and then go together: one ordered `insertMany` of consecutive positions (a busy group is not capped
   * at one round trip per message).
   */
  append<T>(
    conversationId: string,
    isMessage: boolean,
    make: (position: LogHead) => Document,
    onDuplicate: () => Promise<T | null>,
  ): Promise<{ inserted: Document } | { existing: T }> {
    return new Promise((resolve, reject) => {
      const entry: Waiting = {
        isMessage,
        make,
        onDuplicate,
        settle: resolve as Waiting['settle'],
        fail: reject,
      };
      const queue = this.waiting.get(conversationId);
      if (queue) queue.push(entry);
      else {
        this.waiting.set(conversationId, [entry]);
        void this.drain(conversationId);
      }
    });
  }

  /**
   * Forgets every cached head: after a failover (a new primary may lack the old one's last writes, rolled back)
   * or any failure that was not a lost race, the next append in each conversation reads its head again.
   */
  forgetHeads(): void {
    this.heads.clear();
  }

  /** Tests: the head this process believes in, or undefined before its first append. */
  knownHead(conversationId: string): LogHead | undefined {
    return this.heads.get(conversationId);
  }

  /** Inserts what waits in a conversation, a batch at a time, until nothing does. */
  private async drain(conversationId: string): Promise<void> {
    const queue = this.waiting.get(conversationId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await this.insert(conversationId, batch);
      } catch (error) {
        for (const entry of batch) entry.fail(error);
      }
    }
    this.waiting.delete(conversationId);
  }

  /**
   * Inserts a batch at consecutive positions, in order. An ordered insert stops at its first failure: the
   * entries before it are stored (settled now), and the one that failed is either a retry of a stored entry
   * (`onDuplicate` finds it) or lost its position to another process (the head is read again); the rest
   * follow at the new head. Entries already settled are removed from `batch`; what is left fails on a throw.
   */
  private async insert(conversationId: string, batch: Waiting[]): Promise<void> {
    for (let attempt = 0; batch.length > 0; attempt += 1) {
      if (attempt >= 1000) throw new Error(`could not take the next position in conversation ${conversationId}`);
      let head = this.heads.get(conversationId) ?? (await this.readHead(conversationId));
      const placed = batch.map((entry) => {
        head = { eventSeq: head.eventSeq + 1, seq: head.seq + (entry.isMessage ? 1 : 0) };
        return { entry, position: head, doc: entry.make(head) };
      });
      let stored = placed.length;
      let failure: unknown = null;
      try {
        if (placed.length === 1) await this.log.insertOne(placed[0]!.doc);
        else
          await this.log.insertMany(
            placed.map((p) => p.doc),
            { ordered: true },
          );
      } catch (error) {
        failure = error;
        stored = storedBefore(error, placed.length);
      }
      if (stored > 0) this.remember(conversationId, placed[stored - 1]!.position);
      for (const { entry, doc } of placed.slice(0, stored)) entry.settle({ inserted: doc });
      batch.splice(0, stored);
      if (failure === null) return;
      if (stored === 0) this.heads.delete(conversationId);
      if (!isDuplicateKey(failure)) {
        this.forgetHeads();
        throw failure;
      }
      const first = batch[0]!;
      const existing = await first.onDuplicate();
      if (existing !== null) {
        first.settle({ existing });
        batch.shift();
        // Its position was not taken by it: the head is where the last stored entry left it (or unknown).
        continue;
      }
      this.heads.delete(conversationId);
      if (attempt > 3) await sleep(Math.random() * 5 * Math.min(attempt, 10));
    }
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

/** How many documents of an ordered insert were stored before it failed (none for a single insert). */
function storedBefore(error: unknown, attempted: number): number {
  const writeErrors = (error as { writeErrors?: { index?: number }[] | { index?: number } }).writeErrors;
  const first = Array.isArray(writeErrors) ? writeErrors[0] : writeErrors;
  if (attempted > 1 && typeof first?.index === 'number') return first.index;
  return 0;
}
