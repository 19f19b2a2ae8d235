import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';
import { mayDeliver } from '../policies/peer-signals.js';

/**
 * Who is typing in a conversation right now (expired indicators are gone; nobody a block stands between, nobody
 * whose `lastSeen` setting leaves the viewer out: the same rule as the live events, mayDeliver).
 */
export class ListTyping {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'presence' | 'blocks' | 'users' | 'clock'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
  }): Promise<Result<{ userId: string; expiresAt: Date }[], DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const typing = (await this.deps.presence.listTyping(input.conversationId, this.deps.clock.now())).filter(
      (t) => t.userId !== input.actorId,
    );
    const shown = await Promise.all(
      typing.map((t) =>
        mayDeliver(
          { blocked: (a, b) => this.deps.blocks.between(a, b), user: (id) => this.deps.users.findById(id) },
          { kind: 'ephemeral', event: { type: 'typing.started', conversationId: input.conversationId, ...t } },
          input.actorId,
        ),
      ),
    );
    return ok(typing.filter((_, i) => shown[i]));
  }
}
