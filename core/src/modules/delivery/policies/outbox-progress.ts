import type { Message, MessageDraft } from '../../messaging/index.js';
import type { OutboxRecord } from '../domain/outbox.js';
import type { Ports } from '../../../ports.js';

/** How often a process writes its checkpoint (with the app's timer). */
export const BEAT_MS = 1_000;
/** A checkpoint not written for this long belongs to a process taken for dead (ten beats, and clock skew). */
export const STALE_AFTER_MS = 10_000;
/** A dead process's checkpoint is removed once relayed and this old: long past any clock skew or pause. */
export const REMOVE_AFTER_MS = 60 * 60_000;
/** Without the app's timer, a send after this long a pause writes the checkpoint first. */
const FORCE_AFTER_MS = 3_000;
/**
 * With the timer, a checkpoint not stored for this long (its beats kept failing) is written before a send, and
 * the send fails if it cannot be: half of STALE_AFTER_MS, so a process never stores a message behind a
 * checkpoint that another process may already take for dead and have relayed (it would never look again).
 */
const FORCE_WITH_TIMER_MS = STALE_AFTER_MS / 2;
/** How often a process repeats the follow-ups of its own messages that failed (a dependency was down). */
const REPAIR_EVERY_MS = 15_000;
const PAGE = 200;
/** Follow-ups repeated at once: their marks coalesce into one write per conversation and batch. */
const BATCH = 50;

/**
 * Repeats the follow-ups of one process's messages created from `since` on (and not after `upTo`), page by
 * page, BATCH at a time; how many ran, and whether every one landed (it stops at the first batch with a
 * failure). What the relay does for a dead process.
 */
export async function repeatFrom(
  outboxLog: Ports['outboxLog'],
  origin: string,
  since: Date,
  perform: (record: OutboxRecord) => Promise<boolean>,
  upTo = Number.POSITIVE_INFINITY,
  start?: OutboxPosition,
): Promise<{ count: number; clean: boolean; last?: OutboxPosition }> {
  let count = 0;
  let last = start;
  for (let after = start; ;) {
    const page = await outboxLog.listByOrigin(origin, since, PAGE, after);
    const due = page.filter((r) => r.message.createdAt.getTime() <= upTo);
    for (let i = 0; i < due.length; i += BATCH) {
      const results = await Promise.all(due.slice(i, i + BATCH).map(perform));
      count += results.length;
      if (results.includes(false)) return { count, clean: false, ...(last ? { last } : {}) };
      const batchLast = due[Math.min(i + BATCH, due.length) - 1]!.message;
      last = { createdAt: batchLast.createdAt, id: batchLast.id };
    }
    if (page.length < PAGE || due.length < page.length) return { count, clean: true, ...(last ? { last } : {}) };
    const end = page.at(-1)!.message;
    after = { createdAt: end.createdAt, id: end.id };
  }
}

/** Where a relay got to in one process's messages (their order in the outbox log). */
export interface OutboxPosition {
  createdAt: Date;
  id: string;
}

type Deps = Pick<Ports, 'outboxLog' | 'checkpoints' | 'ids' | 'clock' | 'logger'>;

/**
 * This process's outbox checkpoint: "every message I stored before `doneBefore` had its follow-ups done".
 * A message counts from before its insert (`admit`) until its follow-ups landed (`finish`), so the
 * checkpoint never passes a message whose follow-ups a crash could lose; follow-ups that failed hold it
 * back until `repair` has repeated them. The checkpoint is written once a second (the app's timer), one
 * write at a time, and before a message's insert whenever the stored one could be ahead of it: before the
 * first message, after a pause without beats, or when the message's time lies behind a checkpoint already
 * computed (a clock that stepped back). So the cost per send is nothing but a map entry.
 */
export class OutboxProgress {
  readonly origin: string;
  /** Admitted messages whose follow-ups are not done: id -> createdAt (ms). */
  private readonly inFlight = new Map<string, number>();
  /** Messages whose follow-ups failed and have not landed since: id -> createdAt (ms). */
  private readonly failed = new Map<string, number>();
  /** The largest `doneBefore` computed so far, written or about to be. */
  private horizon = Number.NEGATIVE_INFINITY;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private savedBeat: Date | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private repairing = false;
  private lastRepair = Number.NEGATIVE_INFINITY;
  private readonly stopBeats: (() => void) | null;

  constructor(
    private readonly deps: Deps,
    private readonly perform: (record: OutboxRecord) => Promise<boolean>,
    every?: (ms: number, run: () => void) => () => void,
  ) {
    this.origin = deps.ids.next();
    this.stopBeats = every?.(BEAT_MS, () => void this.beat()) ?? null;
  }

  async admit(draft: MessageDraft): Promise<void> {
    const at = draft.createdAt.getTime();
    this.inFlight.set(draft.id, at);
    if (this.savedBeat !== null && at >= this.horizon && !this.overdue()) return;
    try {
      await this.write();
    } catch (error) {
      // Without a checkpoint there is no storing safely: the send fails before its insert.
      this.inFlight.delete(draft.id);
      throw error;
    }
  }

  /** The message's follow-ups are done (or there are none to do), or failed and wait for `repair`. */
  finish(message: Pick<Message, 'id' | 'createdAt'>, done: boolean): void {
    this.inFlight.delete(message.id);
    if (!done) this.failed.set(message.id, message.createdAt.getTime());
  }

  /** Whether a retry of one of this process's messages should run its follow-ups (they failed earlier). */
  ownMayBePending(message: Message): boolean {
    return !this.inFlight.has(message.id) && this.failed.has(message.id);
  }

  /** The timer's tick: writes the checkpoint, and now and then repeats failed follow-ups. */
  async beat(): Promise<void> {
    try {
      await this.write();
    } catch (error) {
      this.deps.logger.warn('could not write the outbox checkpoint', { origin: this.origin, error: String(error) });
    }
    if (this.failed.size > 0 && this.now() - this.lastRepair >= REPAIR_EVERY_MS) await this.repair();
  }

  /**
   * Repeats the follow-ups that failed, each of them, and only them: one that fails again stays for the next
   * pass, and holds the checkpoint back, without holding back the others. (A pass used to repeat every message
   * from the oldest failure on and stop at the first batch that failed again: under faults every few seconds, the
   * soak's nodes queued the jobs of their first messages 20 times over and never reached the later ones.) A failed
   * message the walk does not find was never stored: nothing is owed. Returns how many it repeated.
   */
  async repair(): Promise<number> {
    if (this.failed.size === 0 || this.repairing) return 0;
    this.repairing = true;
    const pending = new Map(this.failed);
    let since = Number.POSITIVE_INFINITY;
    for (const at of pending.values()) if (at < since) since = at;
    const found = new Set<string>();
    let count = 0;
    try {
      for (let after: OutboxPosition | undefined; ;) {
        const page = await this.deps.outboxLog.listByOrigin(this.origin, new Date(since), PAGE, after);
        const due = page.filter((record) => pending.has(record.message.id));
        for (let i = 0; i < due.length; i += BATCH) {
          const batch = due.slice(i, i + BATCH);
          const landed = await Promise.all(batch.map((record) => this.perform(record).catch(() => false)));
          batch.forEach(({ message }, k) => {
            found.add(message.id);
            if (landed[k]) this.failed.delete(message.id);
          });
          count += batch.length;
        }
        if (page.length < PAGE || found.size === pending.size) break;
        const end = page.at(-1)!.message;
        after = { createdAt: end.createdAt, id: end.id };
      }
      for (const id of pending.keys()) if (!found.has(id)) this.failed.delete(id);
    } catch (error) {
      this.deps.logger.warn('could not repeat failed message follow-ups; trying again later', {
        origin: this.origin,
        error: String(error),
      });
    } finally {
      this.repairing = false;
      this.lastRepair = this.now();
    }
    return count;
  }

  /**
   * Stops beating. With nothing left to do the checkpoint is removed (a later send writes a new one);
   * otherwise it is brought up to date, and the relay of another process finishes the rest.
   */
  async close(): Promise<void> {
    this.stopBeats?.();
    if (this.savedBeat === null) return;
    try {
      await this.chain;
      if (this.inFlight.size === 0 && this.failed.size === 0) {
        await this.deps.checkpoints.remove(this.origin, this.savedBeat);
        this.savedBeat = null;
      } else {
        await this.write();
      }
    } catch (error) {
      this.deps.logger.warn('could not leave the outbox checkpoint on close', {
        origin: this.origin,
        error: String(error),
      });
    }
  }

  /** Whether the stored checkpoint is too old to insert behind: with the timer, its beats kept failing. */
  private overdue(): boolean {
    return this.stopBeats
      ? this.now() - this.savedBeat!.getTime() > FORCE_WITH_TIMER_MS
      : this.now() - this.lastWrite > FORCE_AFTER_MS;
  }

  /** Queues a checkpoint write, or joins one that has not started (it will see every admission so far). */
  private write(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => this.save());
    this.queued = next;
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async save(): Promise<void> {
    this.queued = null;
    const beatAt = this.deps.clock.now();
    let doneBefore = beatAt.getTime();
    for (const at of this.inFlight.values()) if (at < doneBefore) doneBefore = at;
    for (const at of this.failed.values()) if (at < doneBefore) doneBefore = at;
    if (doneBefore > this.horizon) this.horizon = doneBefore;
    this.lastWrite = beatAt.getTime();
    await this.deps.checkpoints.save({ origin: this.origin, doneBefore: new Date(doneBefore), beatAt });
    this.savedBeat = beatAt;
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }
}
