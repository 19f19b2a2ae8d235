import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import { closeConversation } from '../policies/close-conversation.js';

/** The owner (or either member of a direct conversation) deletes it for everyone. */
export class DeleteConversation {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'>,
  ) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<void, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'conversation.delete');
    if (!access.ok) return access;
    await closeConversation(this.deps, access.value.conversation.id, input.actorId);
    return ok(undefined);
  }
}
