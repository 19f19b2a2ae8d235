import type { MessageView } from '../domain/message.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';
import { toViews } from '../policies/views.js';

/** One message, to members of its conversation who have not hidden it. */
export class GetMessage {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions'>) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
  }): Promise<Result<MessageView, DomainError>> {
    const message = await this.deps.messages.findById(input.messageId);
    if (!message || message.hiddenFor.includes(input.actorId)) return err(notFound('message'));
    if (input.conversationId && message.conversationId !== input.conversationId) return err(notFound('message'));
    const membership = await loadMembership(this.deps, message.conversationId, input.actorId);
    if (!membership.ok) return err(notFound('message'));
    const [view] = await toViews(this.deps.reactions, [message], input.actorId);
    return ok(view!);
  }
}
