import { conversationTopic } from '../../domain/event.js';
import type { Message } from '../../domain/message.js';
import type { Ports } from '../../ports/index.js';
import { Coalescer } from '../../shared/coalescer.js';
import { publishSafely } from './record-event.js';

export type FollowUpDeps = Pick<Ports, 'messages' | 'participants' | 'conversations' | 'threads' | 'jobs' | 'presence' | 'publisher' | 'clock' | 'logger'>;

interface Mark { seq: number; eventSeq: number; at: Date }
const later = (a: Mark, b: Mark): Mark => ({ seq: Math.max(a.seq, b.seq), eventSeq: Math.max(a.eventSeq, b.eventSeq), at: a.at > b.at ? a.at : b.at });

/**
 * What follows a stored message, off the send's acknowledged path: the sender's read mark, the
 * conversation's activity marks, a reply's place in its thread, the end of the sender's typing, and the
 * message's outbox jobs. Each is
 * idempotent and monotonic, so running it twice is harmless; writes are coalesced per key under load.
 *
 * The message keeps its `pendingJobs` until all of this is done, so if the process dies first, RelayOutbox
 * (run at start-up and periodically) repeats it. One instance per process: `settle()` gives this process's
 * reads their own writes (a conversation list right after a send shows it).
 */
export class MessageFollowUps {
  private readonly reads: Coalescer<Mark>;
  private readonly activity: Coalescer<Mark>;
  private readonly cleared: Coalescer<string[]>;
  private readonly running = new Set<Promise<void>>();
  /** Per conversation, the newest message this process stored, and whether its sender's read mark covers it. */
  private readonly newest = new Map<string, { seq: number; senderId: string; readCovered: boolean }>();

  constructor(private readonly deps: FollowUpDeps) {
    const onError = (what: string) => (key: string, error: unknown) =>
      deps.logger.warn(`message follow-up failed (${what}); the outbox relay repeats it`, { key, error: String(error) });
    this.reads = new Coalescer(async (key, mark) => {
      const [conversationId, userId] = key.split('\u0000') as [string, string];
      await deps.participants.advanceRead(conversationId, userId, mark.seq, mark.at);
    }, later, onError('read mark'));
    this.activity = new Coalescer(async (conversationId, mark) => {
      await deps.conversations.recordActivity(conversationId, { at: mark.at, eventSeq: mark.eventSeq, messageSeq: mark.seq });
    }, later, onError('activity'));
    this.cleared = new Coalescer(async (_key, ids) => { await deps.messages.clearPendingJobs(ids); }, (a, b) => [...a, ...b], onError('outbox'));
  }

  /** Starts the follow-ups of a freshly stored message without waiting for them. */
  start(message: Message): void {
    const run = this.run(message).catch((error: unknown) =>
      this.deps.logger.warn('message follow-up failed; the outbox relay repeats it', { messageId: message.id, error: String(error) }));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Runs them and waits: what the outbox relay does for messages whose sender died first. */
  async run(message: Message): Promise<void> {
    const mark = { seq: message.seq, eventSeq: message.eventSeq, at: message.createdAt };
    const marks = Promise.all([
      this.readMarkNeeded(message) ? this.reads.submit(`${message.conversationId}\u0000${message.senderId}`, mark) : true,
      this.activity.submit(message.conversationId, mark),
      this.indexReply(message),
      this.endTyping(message),
    ]);
    let queued = true;
    for (const job of message.pendingJobs) {
      try {
        await this.deps.jobs.enqueue(job.name, job.payload, { id: job.id });
      } catch (error) {
        queued = false;
        this.deps.logger.error('could not queue the jobs of a message; the outbox relay will retry', { messageId: message.id, error: String(error) });
        break;
      }
    }
    const [read, active, threaded] = await marks;
    // Only a message whose follow-ups all landed leaves the outbox; otherwise the relay repeats them.
    if (queued && read && active && threaded && message.pendingJobs.length > 0) await this.cleared.submit('outbox', [message.id]);
  }

  /**
   * Sending marks what came before as read. When the message right before this one is the same sender's
   * and already covered, there is nothing new to mark: a burst of messages writes the sender's read mark
   * once (own messages never count as unread anyway). Anything this process did not see — another node's
   * message in between, a restart — makes the write happen.
   */
  private readMarkNeeded(message: Message): boolean {
    const previous = this.newest.get(message.conversationId);
    const covered = previous !== undefined && previous.seq === message.seq - 1 && previous.senderId === message.senderId && previous.readCovered;
    if (!previous || previous.seq < message.seq) {
      this.newest.delete(message.conversationId);
      if (this.newest.size >= 50_000) this.newest.delete(this.newest.keys().next().value!);
      this.newest.set(message.conversationId, { seq: message.seq, senderId: message.senderId, readCovered: true });
    }
    return !covered;
  }

  /** Waits for every follow-up this process has started. */
  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
    await Promise.all([this.reads.settle(), this.activity.settle(), this.cleared.settle()]);
  }

  /** A reply joins its thread's index; false (the relay repeats it) if that write failed. */
  private async indexReply(message: Message): Promise<boolean> {
    if (!message.threadRootId) return true;
    try {
      await this.deps.threads.add({ rootId: message.threadRootId, conversationId: message.conversationId, messageId: message.id, seq: message.seq, createdAt: message.createdAt });
      return true;
    } catch (error) {
      this.deps.logger.warn('could not index a reply in its thread; the outbox relay repeats it', { messageId: message.id, error: String(error) });
      return false;
    }
  }

  /** Never rejects: it runs beside the job queueing, and typing is ephemeral (it also expires by itself). */
  private async endTyping(message: Message): Promise<void> {
    try {
      if (!(await this.deps.presence.clearTyping(message.conversationId, message.senderId, this.deps.clock.now()))) return;
      await publishSafely(this.deps, conversationTopic(message.conversationId), {
        kind: 'ephemeral', event: { type: 'typing.stopped', conversationId: message.conversationId, userId: message.senderId },
      });
    } catch (error) {
      this.deps.logger.warn('could not end the sender\'s typing after a send', { messageId: message.id, error: String(error) });
    }
  }
}
