import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { OutboxFollowUps } from '../policies/outbox-follow-ups.js';
import { REMOVE_AFTER_MS, repeatFrom, STALE_AFTER_MS, type OutboxPosition } from '../policies/outbox-progress.js';
import { queueMediaProcessing } from '../../media/index.js';

const PAGE = 200;

/**
 * The outbox relay: finishes what sends left undone because their process died (or a dependency was
 * down) after the message was stored: attachments shared, the sender's read mark and the conversation's
 * activity marks moved, the jobs queued; and queues the processing of uploads confirmed while the queue
 * was down. It works from the processes' outbox checkpoints (see OutboxProgress): this process's own
 * failed follow-ups; at start-up, every other process's messages past its checkpoint (one killed a moment
 * ago still looks alive); later, those of processes that stopped writing theirs. A process taken for dead is
 * read again on every run, from where the last run got to, until its checkpoint is removed: a message that
 * landed after one scan (a slow insert, a process that was only paused) is found by position, not lost
 * behind a scan per beat. How far it got in a dead process is also written into that process's checkpoint
 * (`doneBefore`: messages before it need nothing more), and how far a start-up relay got too (`startRelayedTo`, which
 * only later starts go on from: a message that landed behind a start's scan is still found by the relay that takes
 * the process for dead), so a process that starts later does not repeat them. All of it is idempotent (job ids are
 * deterministic, marks only move forward), so repeating it for a live process is harmless.
 */
export class RelayOutbox {
  /**
   * When this process first saw each checkpoint (by origin and beat), by its own clock: a process is taken for
   * dead when its checkpoint has not changed for STALE_AFTER_MS as this process measures it, so clocks that
   * disagree between processes neither relay a live process's messages nor remove its checkpoint.
   */
  private readonly firstSeen = new Map<string, number>();
  /** Dead processes relayed by this one, by origin and last beat: where the relay got to in their messages. */
  private readonly relayed = new Map<string, OutboxPosition | null>();

  constructor(
    private readonly deps: Pick<Ports, 'outboxLog' | 'checkpoints' | 'media' | 'jobs' | 'clock' | 'logger'> & {
      outbox: OutboxFollowUps;
    },
    private readonly graceMs = 10_000,
  ) {}

  /** `startup`: relay every other process's messages past its checkpoint, and media with no grace period. */
  async execute(input: { startup?: boolean } = {}): Promise<Result<{ relayed: number }, DomainError>> {
    const now = this.deps.clock.now();
    let messages = await this.deps.outbox.repairOwn();
    const checkpoints = await this.deps.checkpoints.list(1000);
    const known = new Set<string>();
    for (const checkpoint of checkpoints) {
      if (checkpoint.origin === this.deps.outbox.origin) continue;
      const key = `${checkpoint.origin}@${checkpoint.beatAt.getTime()}`;
      known.add(key);
      const seenAt = this.firstSeen.get(key) ?? now.getTime();
      this.firstSeen.set(key, seenAt);
      const silentMs = now.getTime() - seenAt;
      const stale = silentMs > STALE_AFTER_MS;
      if (!input.startup && !stale) continue;
      const from = input.startup ? undefined : (this.relayed.get(key) ?? undefined);
      // A start goes on from where earlier starts got to since the process's last beat.
      const since =
        input.startup && checkpoint.startRelayedTo && checkpoint.startRelayedTo > checkpoint.doneBefore
          ? checkpoint.startRelayedTo
          : checkpoint.doneBefore;
      const done = await repeatFrom(
        this.deps.outboxLog,
        checkpoint.origin,
        since,
        (record) => this.deps.outbox.run(record),
        Number.POSITIVE_INFINITY,
        from,
      );
      messages += done.count;
      // How far it got is kept also when a later batch failed: the next run goes on from there, rather than from
      // the start again, which under steady faults never got past the first failure (the soak, 2026-12-04).
      if (stale && (done.clean || done.last)) this.relayed.set(key, done.last ?? from ?? null);
      // And in the checkpoint, for the processes that start later: a dead process's checkpoint stays an hour, and
      // without this every start repeated every dead process's messages (notification jobs ran up to 27 times in a
      // 30-minute soak of 71 kills). A start marks only what later starts read (see OutboxCheckpoint).
      const mark = input.startup ? 'startRelayedTo' : stale ? 'doneBefore' : null;
      if (mark && done.last && done.last.createdAt > since)
        await this.deps.checkpoints.advance(checkpoint.origin, checkpoint.beatAt, mark, done.last.createdAt);
      if (!done.clean) continue;
      if (
        silentMs > REMOVE_AFTER_MS &&
        this.relayed.has(key) &&
        (await this.deps.checkpoints.remove(checkpoint.origin, checkpoint.beatAt))
      )
        this.relayed.delete(key);
    }
    for (const key of this.relayed.keys()) if (!known.has(key)) this.relayed.delete(key);
    for (const key of this.firstSeen.keys()) if (!known.has(key)) this.firstSeen.delete(key);
    const before = new Date(now.getTime() - (input.startup ? 0 : this.graceMs));
    let media = 0;
    for (let round = 0; round < 50; round += 1) {
      const waiting = await this.deps.media.listAwaitingJob(before, PAGE);
      for (const item of waiting) await queueMediaProcessing(this.deps, item.id);
      media += waiting.length;
      if (waiting.length < PAGE) break;
    }
    if (messages || media) this.deps.logger.info('outbox relayed', { messages, media });
    return ok({ relayed: messages + media });
  }
}
