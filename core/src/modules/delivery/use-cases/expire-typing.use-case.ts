import { conversationTopic } from '../domain/event.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { publishSafely } from '../policies/record-event.js';

/**
 * Announces `typing.stopped` for every typing indicator that ran out without a stop or renewal. Every API
 * node runs it about once a second; the presence store hands each expired indicator to one of them only.
 */
export class ExpireTyping {
  constructor(private readonly deps: Pick<Ports, 'presence' | 'publisher' | 'clock' | 'logger'>) {}

  async execute(input: { limit?: number } = {}): Promise<Result<{ stopped: number }, DomainError>> {
    const expired = await this.deps.presence.takeExpiredTyping(this.deps.clock.now(), input.limit ?? 1000);
    for (const { conversationId, userId } of expired) {
      await publishSafely(this.deps, conversationTopic(conversationId), {
        kind: 'ephemeral',
        event: { type: 'typing.stopped', conversationId, userId },
      });
    }
    return ok({ stopped: expired.length });
  }
}
