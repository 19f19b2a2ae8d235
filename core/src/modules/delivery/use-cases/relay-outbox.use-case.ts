import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { OutboxFollowUps } from '../policies/outbox-follow-ups.js';
import { REMOVE_AFTER_MS, repeatFrom, STALE_AFTER_MS } from '../policies/outbox-progress.js';
import { queueMediaProcessing } from '../../media/index.js';

const PAGE = 200;

/**
 * The outbox relay: finishes what sends left undone because their process died (or a dependency was
 * down) after the message was stored: attachments shared, the sender's read mark and the conversation's
 * activity marks moved, the jobs queued; and queues the processing of uploads confirmed while the queue
 * was down. It works from the processes' outbox checkpoints (see OutboxProgress): this process's own
 * failed follow-ups; at start-up, every other process's messages past its checkpoint (one killed a moment
 * ago still looks alive); later, those of processes that stopped writing theirs. All of it is idempotent
 * (job ids are deterministic, marks only move forward), so repeating it for a live process is harmless.
 */
export class RelayOutbox {
  /** Dead processes already relayed by this one, by origin and last beat. */
  private readonly relayed = new Set<string>();

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
      const silentMs = now.getTime() - checkpoint.beatAt.getTime();
      const stale = silentMs > STALE_AFTER_MS;
      if (!input.startup && !stale) continue;
      if (input.startup || !this.relayed.has(key)) {
        const done = await repeatFrom(this.deps.outboxLog, checkpoint.origin, checkpoint.doneBefore, (record) =>
          this.deps.outbox.run(record),
        );
        messages += done.count;
        if (!done.clean) continue;
        if (stale) this.relayed.add(key);
      }
      if (
        silentMs > REMOVE_AFTER_MS &&
        this.relayed.has(key) &&
        (await this.deps.checkpoints.remove(checkpoint.origin, checkpoint.beatAt))
      )
        this.relayed.delete(key);
    }
    for (const key of this.relayed) if (!known.has(key)) this.relayed.delete(key);
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
