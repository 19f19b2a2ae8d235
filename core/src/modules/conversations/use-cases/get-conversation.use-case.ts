import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { toConversationView, type ConversationView } from '../policies/conversation-view.js';
import { loadMembership } from '../policies/membership.js';
import type { OwnWrites } from '../../delivery/index.js';

/** One conversation as the member sees it; not-found for everyone else. */
export class GetConversation {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions'> & {
      ownWrites: OwnWrites;
    },
  ) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<ConversationView, DomainError>> {
    await this.deps.ownWrites.settle();
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    return ok(await toConversationView(this.deps, membership.value.conversation, membership.value.participant));
  }
}
