import { forEveryone, type MessageView } from '../domain/message.js';
import { readReplyMarkup } from '../domain/reply-markup.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CorePorts } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { recordEvent } from '../../delivery/index.js';
import { toViews } from '../policies/views.js';

/**
 * A bot changes (or, with null, removes) the buttons under one of its messages (editMessageReplyMarkup). Everyone
 * in the conversation sees the message edited; its text and edit time stay as they were.
 */
export class SetReplyMarkup {
  constructor(
    private readonly deps: Pick<
      CorePorts,
      | 'messages'
      | 'reactions'
      | 'conversations'
      | 'participants'
      | 'events'
      | 'publisher'
      | 'clock'
      | 'logger'
      | 'access'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
    replyMarkup: unknown;
  }): Promise<Result<MessageView, DomainError>> {
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const { message } = found.value;
    if (message.senderId !== input.actorId) return err(forbidden('not_author', 'only the author may edit a message'));
    if (!(await this.deps.access.user(input.actorId))?.isBot)
      return err(forbidden('bots_only', 'only bots put buttons under their messages'));
    if (message.deletedAt) return err(conflict('message_deleted', 'a deleted message cannot be edited'));
    const replyMarkup = readReplyMarkup(input.replyMarkup ?? null);
    if (typeof replyMarkup === 'string') return err(invalid('replyMarkup', replyMarkup));
    const updated = await this.deps.messages.update(message.id, { replyMarkup });
    if (!updated) return err(notFound('message'));
    const [view] = await toViews(this.deps.reactions, [updated], input.actorId);
    await recordEvent(this.deps, updated.conversationId, input.actorId, {
      type: 'message.edited',
      message: forEveryone(view!),
    });
    return ok(view!);
  }
}
