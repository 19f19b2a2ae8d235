import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';

/** Who is typing in a conversation right now (expired indicators are gone; nobody a block stands between). */
export class ListTyping {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'presence' | 'blocks' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
  }): Promise<Result<{ userId: string; expiresAt: Date }[], DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const typing = (await this.deps.presence.listTyping(input.conversationId, this.deps.clock.now())).filter(
      (t) => t.userId !== input.actorId,
    );
    const blocked = await Promise.all(typing.map((t) => this.deps.blocks.between(t.userId, input.actorId)));
    return ok(typing.filter((_, i) => !blocked[i]));
  }
}
