import type { DomainError } from '../shared/errors.js';
import { ok, type Result } from '../shared/result.js';
import type { Ports } from '../ports/index.js';
import type { MessageFollowUps } from './shared/message-follow-ups.js';
import { shareAttachments } from './shared/publish-message.js';
import { queueMediaProcessing } from './shared/queue-media.js';

/**
 * The outbox relay: finishes what a send left undone because its process died (or the queue was down)
 * after the message was stored: attachments shared, the sender's read mark and the conversation's
 * activity marks moved, the jobs queued; and queues the processing of uploads confirmed while the queue
 * was down. All of it is idempotent (job ids are deterministic), so running
 * it for a message whose sender is still alive is harmless. Runs at start-up with no grace period, then
 * periodically on every node.
 */
export class RelayOutbox {
  constructor(
    private readonly deps: Pick<Ports, 'messages' | 'media' | 'jobs' | 'clock' | 'logger'> & { followUps: MessageFollowUps },
    private readonly graceMs = 10_000,
  ) {}

  async execute(input: { limit?: number; graceMs?: number } = {}): Promise<Result<{ relayed: number }, DomainError>> {
    const before = new Date(this.deps.clock.now().getTime() - (input.graceMs ?? this.graceMs));
    const stuck = await this.deps.messages.listWithPendingJobs(before, input.limit ?? 200);
    for (const message of stuck) {
      await shareAttachments(this.deps, message);
      await this.deps.followUps.run(message);
    }
    const media = await this.deps.media.listAwaitingJob(before, input.limit ?? 200);
    for (const item of media) await queueMediaProcessing(this.deps, item.id);
    if (stuck.length || media.length) this.deps.logger.info('outbox relayed', { messages: stuck.length, media: media.length });
    return ok({ relayed: stuck.length + media.length });
  }
}
