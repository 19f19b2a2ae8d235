import { conversationTopic } from '../../delivery/index.js';
import type { Message, MessageDraft } from '../domain/message.js';
import type { Ports } from '../../../ports.js';
import { Coalescer } from '../../../shared/coalescer.js';
import {
  OutboxProgress,
  publishSafely,
  type OutboxEntry,
  type OutboxFollowUps,
  type OutboxRecord,
  type OwnWrites,
  type PendingJob,
} from '../../delivery/index.js';
import { shareAttachments } from './share-attachments.js';

export type FollowUpDeps = Pick<
  Ports,
  | 'messages'
  | 'checkpoints'
  | 'outboxLog'
  | 'media'
  | 'participants'
  | 'conversations'
  | 'threads'
  | 'jobs'
  | 'presence'
  | 'publisher'
  | 'ids'
  | 'clock'
  | 'logger'
>;

export interface FollowUpOptions {
  /**
   * The least time between two writes of one conversation's activity marks, or of one reader's read mark
   * (default 1000 ms). A mark not written lately goes out at once; the marks that follow it within the
   * interval are merged into one write at its end, so a busy conversation costs one write a second, not
   * one per message. Reads in this process never wait for it (they settle first); other nodes see the
   * marks of a busy conversation up to this much later.
   */
  markIntervalMs?: number;
  /** Runs `run` every `ms` until the returned function is called (the app's timer; the core has none). */
  every?: (ms: number, run: () => void) => () => void;
}

interface Mark {
  seq: number;
  eventSeq: number;
  at: Date;
}
const later = (a: Mark, b: Mark): Mark => ({
  seq: Math.max(a.seq, b.seq),
  eventSeq: Math.max(a.eventSeq, b.eventSeq),
  at: a.at > b.at ? a.at : b.at,
});

/** The most messages a process remembers as having their jobs queued but other follow-ups pending. */
const MAX_REMEMBERED = 100_000;

/**
 * What follows a stored message, off the send's acknowledged path: the sender's read mark, the
 * conversation's activity marks, a reply's place in its thread, the end of the sender's typing, and the
 * message's outbox jobs. Each is idempotent and monotonic, so running it twice is harmless; marks are
 * coalesced per key and spaced in time under load.
 *
 * Nothing is written to the message when they are done: this process's outbox checkpoint (OutboxProgress)
 * moves past it instead, once a second, so a send costs its one insert and a share of the marks. If the
 * process dies first, RelayOutbox finds its messages from the checkpoint on and repeats this. One instance
 * per process: `settle()` gives this process's reads their own writes.
 */
export class MessageFollowUps implements OwnWrites, OutboxFollowUps {
  private readonly reads: Coalescer<Mark>;
  private readonly activity: Coalescer<Mark>;
  private readonly running = new Set<Promise<void>>();
  private readonly progress: OutboxProgress;
  /**
   * Messages whose jobs the queue took while another of their follow-ups (a mark) had not landed: a repeat queues
   * the jobs once, not again on every attempt (while the database came and went for 30 minutes, the relay's
   * repeats queued one message's notification job 89 times). Forgotten once every follow-up landed.
   */
  private readonly jobsQueued = new Set<string>();

  constructor(
    private readonly deps: FollowUpDeps,
    options: FollowUpOptions = {},
  ) {
    const onError = (what: string) => (key: string, error: unknown) =>
      deps.logger.warn(`message follow-up failed (${what}); the outbox relay repeats it`, {
        key,
        error: String(error),
      });
    const interval = options.markIntervalMs ?? 1000;
    this.reads = new Coalescer(
      async (key, mark) => {
        const [conversationId, userId] = key.split('\u0000') as [string, string];
        await deps.participants.advanceRead(conversationId, userId, mark.seq, mark.at);
      },
      later,
      onError('read mark'),
      interval,
    );
    this.activity = new Coalescer(
      async (conversationId, mark) => {
        await deps.conversations.recordActivity(conversationId, {
          at: mark.at,
          eventSeq: mark.eventSeq,
          messageSeq: mark.seq,
        });
      },
      later,
      onError('activity'),
      interval,
    );
    this.progress = new OutboxProgress(deps, (record) => this.run(record), options.every);
  }

  /** The id under which this process stores messages (the `origin` of every message it stores). */
  get origin(): string {
    return this.progress.origin;
  }

  /** Writes this process's outbox checkpoint now (the app's timer does it once a second). */
  beat(): Promise<void> {
    return this.progress.beat();
  }

  /** Repeats this process's own follow-ups that failed (see OutboxProgress.repair); how many ran. */
  repairOwn(): Promise<number> {
    return this.progress.repair();
  }

  /**
   * Call before inserting a draft: from here until its follow-ups are done, this process's checkpoint
   * stays before it. Waits only when the checkpoint must be written first (the first message, after a
   * pause, or when the draft's time lies behind a checkpoint already computed).
   */
  admit(draft: MessageDraft): Promise<void> {
    return this.progress.admit(draft);
  }

  /** The insert did not store this draft (a retry found the original, or it failed): forget it. */
  release(draft: MessageDraft, stored: 'no' | 'unknown'): void {
    this.progress.finish(draft, stored === 'no');
  }

  /** Starts the follow-ups of a message this process just stored and admitted, without waiting for them. */
  start(message: Message, jobs: PendingJob[]): void {
    this.track(
      this.perform(message, jobs, false).then(
        (done) => this.progress.finish(message, done),
        (error: unknown) => {
          this.progress.finish(message, false);
          this.deps.logger.warn('message follow-up failed; the outbox relay repeats it', {
            messageId: message.id,
            error: String(error),
          });
        },
      ),
    );
  }

  /** Starts them again for a message stored earlier (a retry found it), without waiting. */
  repeat(record: OutboxRecord): void {
    const { message } = record;
    this.track(
      this.run(record).then(
        () => undefined,
        (error: unknown) =>
          this.deps.logger.warn('message follow-up failed; the outbox relay repeats it', {
            messageId: message.id,
            error: String(error),
          }),
      ),
    );
  }

  /**
   * Runs them, attachments' sharing included, for a message stored earlier (by any process) and waits:
   * what the relay does. True when all of them landed.
   */
  async run({ message, jobs }: OutboxRecord): Promise<boolean> {
    await shareAttachments(this.deps, message);
    return this.perform(message, jobs, true);
  }

  /**
   * A retry found this stored message: are its follow-ups possibly not done? Its own process knows; for
   * another process's message, its checkpoint tells (none left: relayed and removed).
   */
  async mayBePending(message: Message, outbox: OutboxEntry | null): Promise<boolean> {
    if (!outbox) return false;
    if (outbox.origin === this.origin) return this.progress.ownMayBePending(message);
    const checkpoint = await this.deps.checkpoints.find(outbox.origin);
    return checkpoint !== null && message.createdAt >= checkpoint.doneBefore;
  }

  private track(run: Promise<void>): void {
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Waits for every follow-up this process has started (waiting marks are written now). */
  async settle(): Promise<void> {
    // The marks first: a running follow-up waits for its marks, which may be waiting for their interval.
    do await Promise.all([this.reads.settle(), this.activity.settle(), ...this.running]);
    while (this.running.size > 0);
  }

  /** Settles, then leaves a final checkpoint (none at all when nothing is left to do) and stops beating. */
  async close(): Promise<void> {
    await this.settle();
    await this.progress.close();
  }

  /**
   * True when every follow-up landed; false leaves the message to the relay. `now`: the marks are written
   * without waiting for their interval (the relay and retries wait for them).
   */
  private async perform(message: Message, jobs: PendingJob[], now: boolean): Promise<boolean> {
    const mark = { seq: message.seq, eventSeq: message.eventSeq, at: message.createdAt };
    const marks = Promise.all([
      this.reads.submit(`${message.conversationId}\u0000${message.senderId}`, mark, now),
      this.activity.submit(message.conversationId, mark, now),
      this.indexReply(message),
      this.endTyping(message),
    ]);
    const queued = this.jobsQueued.has(message.id) || (await this.queueJobs(message, jobs));
    const [read, active, threaded] = await marks;
    const done = queued && read && active && threaded;
    if (done) this.jobsQueued.delete(message.id);
    // At most MAX_REMEMBERED: past it a repeat queues jobs again, as before (job ids make that harmless).
    else if (queued && this.jobsQueued.size < MAX_REMEMBERED) this.jobsQueued.add(message.id);
    return done;
  }

  /** Queues a message's jobs in order; false (the relay repeats them) when the queue refused one. */
  private async queueJobs(message: Message, jobs: PendingJob[]): Promise<boolean> {
    for (const job of jobs) {
      try {
        await this.deps.jobs.enqueue(job.name, job.payload, { id: job.id });
      } catch (error) {
        this.deps.logger.error('could not queue the jobs of a message; the outbox relay will retry', {
          messageId: message.id,
          error: String(error),
        });
        return false;
      }
    }
    return true;
  }

  /** A reply joins its thread's index; false (the relay repeats it) if that write failed. */
  private async indexReply(message: Message): Promise<boolean> {
    if (!message.threadRootId) return true;
    try {
      await this.deps.threads.add({
        rootId: message.threadRootId,
        conversationId: message.conversationId,
        messageId: message.id,
        seq: message.seq,
        createdAt: message.createdAt,
      });
      return true;
    } catch (error) {
      this.deps.logger.warn('could not index a reply in its thread; the outbox relay repeats it', {
        messageId: message.id,
        error: String(error),
      });
      return false;
    }
  }

  /** Never rejects: it runs beside the job queueing, and typing is ephemeral (it also expires by itself). */
  private async endTyping(message: Message): Promise<void> {
    try {
      if (!(await this.deps.presence.clearTyping(message.conversationId, message.senderId, this.deps.clock.now())))
        return;
      await publishSafely(this.deps, conversationTopic(message.conversationId), {
        kind: 'ephemeral',
        event: { type: 'typing.stopped', conversationId: message.conversationId, userId: message.senderId },
      });
    } catch (error) {
      this.deps.logger.warn("could not end the sender's typing after a send", {
        messageId: message.id,
        error: String(error),
      });
    }
  }
}
