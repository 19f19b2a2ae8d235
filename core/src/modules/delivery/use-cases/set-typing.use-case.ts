import { conversationTopic } from '../domain/event.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../../conversations/index.js';
import { publishSafely } from '../policies/record-event.js';

/**
 * Typing indicators: `typing: true` starts or renews one that lives typingTtlMs (~6 s), false stops it.
 * Nothing is stored durably; a renewal within the first half of the lifetime is not re-announced.
 */
export class SetTyping {
  constructor(
    private readonly deps: Pick<
      Ports,
      'conversations' | 'participants' | 'presence' | 'publisher' | 'clock' | 'logger'
    >,
    private readonly config: Pick<CoreConfig, 'typingTtlMs'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    typing: boolean;
  }): Promise<Result<{ expiresAt: Date | null }, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'typing');
    if (!access.ok) return access;
    const now = this.deps.clock.now();
    const topic = conversationTopic(input.conversationId);
    if (!input.typing) {
      if (await this.deps.presence.clearTyping(input.conversationId, input.actorId, now))
        await publishSafely(this.deps, topic, {
          kind: 'ephemeral',
          event: { type: 'typing.stopped', conversationId: input.conversationId, userId: input.actorId },
        });
      return ok({ expiresAt: null });
    }
    const current = (await this.deps.presence.listTyping(input.conversationId, now)).find(
      (t) => t.userId === input.actorId,
    );
    const expiresAt = new Date(now.getTime() + this.config.typingTtlMs);
    await this.deps.presence.setTyping(input.conversationId, input.actorId, expiresAt, now);
    const fresh = current && current.expiresAt.getTime() - now.getTime() > this.config.typingTtlMs / 2;
    if (!fresh)
      await publishSafely(this.deps, topic, {
        kind: 'ephemeral',
        event: { type: 'typing.started', conversationId: input.conversationId, userId: input.actorId, expiresAt },
      });
    return ok({ expiresAt });
  }
}
