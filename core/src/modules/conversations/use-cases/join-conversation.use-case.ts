import { isLive, isPublic } from '../domain/conversation.js';
import { defaultRole, type Participant } from '../domain/participant.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { admit, type AdmitDeps } from '../policies/admit.js';

/**
 * Anyone signed in joins a public group (as a member) or channel (as a subscriber) by themselves. A
 * private conversation answers not found, as if it did not exist: joining it takes an invite.
 */
export class JoinConversation {
  constructor(private readonly deps: AdmitDeps & Pick<Ports, 'conversations'>) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<Participant, DomainError>> {
    const conversation = await this.deps.conversations.findById(input.conversationId);
    if (!isLive(conversation) || !isPublic(conversation)) return err(notFound('conversation'));
    return admit(this.deps, conversation, {
      actorId: input.actorId,
      userId: input.actorId,
      role: defaultRole(conversation.kind),
    });
  }
}
