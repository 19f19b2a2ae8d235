import { scheduledClientId, type ScheduledMessage } from '../domain/scheduled-message.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { SendMessage } from './send-message.use-case.js';

/** How long a message settled as sent may stay undelivered before a sweep takes it to be stuck. */
const STUCK_AFTER_MS = 30_000;

/**
 * The sweep that sends scheduled messages whose time has come, each as its sender would send it then
 * (membership, permission, slow mode...). Every process that runs jobs sweeps about once a second; a
 * message goes out once: settling it decides who sends it, and it is sent with an idempotency key, so a
 * sweep that died mid-way is finished by a later one without a duplicate. A send refused for good (the
 * sender left, the reply target is gone) marks the message failed with the refusal's code; a rate limit
 * leaves it for a later sweep.
 */
export class DeliverScheduledMessages {
  constructor(
    private readonly send: SendMessage,
    private readonly deps: Pick<Ports, 'scheduled' | 'clock'>,
  ) {}

  async execute(input: { limit?: number } = {}): Promise<Result<{ sent: number; failed: number }, DomainError>> {
    const limit = input.limit ?? 100;
    const now = this.deps.clock.now();
    const tally = { sent: 0, failed: 0 };
    for (const stuck of await this.deps.scheduled.listUndelivered(new Date(now.getTime() - STUCK_AFTER_MS), limit))
      await this.deliver(stuck, tally);
    for (const due of await this.deps.scheduled.listDue(now, limit)) {
      if (await this.deps.scheduled.settle(due.id, 'sent', now)) await this.deliver(due, tally);
    }
    return ok(tally);
  }

  private async deliver(message: ScheduledMessage, tally: { sent: number; failed: number }): Promise<void> {
    const result = await this.send.execute({
      actorId: message.senderId,
      conversationId: message.conversationId,
      content: message.content ?? undefined,
      attachmentIds: message.attachmentIds,
      replyToId: message.replyToId,
      metadata: { mentions: message.metadata.mentions },
      silent: message.metadata.silent === true,
      clientMessageId: scheduledClientId(message.id),
    });
    if (result.ok) {
      const sent = result.value;
      // A filter added since it was scheduled holds it: it waits for a moderator, as a message sent now would.
      await this.deps.scheduled.recordDelivery(
        message.id,
        'held' in sent ? { failure: 'held_for_review' } : { messageId: sent.message.id },
      );
      if ('held' in sent) tally.failed += 1;
      else tally.sent += 1;
    } else if (result.error.type !== 'RateLimited') {
      await this.deps.scheduled.recordDelivery(message.id, { failure: result.error.code });
      tally.failed += 1;
    }
  }
}
