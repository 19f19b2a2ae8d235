import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';

/** Who is typing in a conversation right now (expired indicators are gone). */
export class ListTyping {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'presence' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
  }): Promise<Result<{ userId: string; expiresAt: Date }[], DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const typing = await this.deps.presence.listTyping(input.conversationId, this.deps.clock.now());
    return ok(typing.filter((t) => t.userId !== input.actorId));
  }
}
