import { extractLinks, MAX_CONTENT_LENGTH, MAX_MENTIONS, type MessageView, forEveryone } from '../domain/message.js';
import { parseEntities } from '../domain/entities.js';
import { readParseMode, resolveMentions } from '../policies/compose-message.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { CorePorts } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { recordEvent } from '../../delivery/index.js';
import { tellBotsOfEdit } from '../../bots/index.js';
import { toViews } from '../policies/views.js';
import { restrictionRefusal } from '../policies/restrictions.js';
import { filterRefusal, screenContent } from '../policies/screen-content.js';

/**
 * The author edits the text of their message, within the conversation's edit window if it has one; the
 * text it replaces is kept as an earlier version (listed by ListMessageVersions). Sets editedAt.
 */
export class EditMessage {
  constructor(
    private readonly deps: Pick<
      CorePorts,
      | 'messages'
      | 'reactions'
      | 'editHistory'
      | 'conversations'
      | 'participants'
      | 'users'
      | 'events'
      | 'publisher'
      | 'clock'
      | 'logger'
      | 'access'
      | 'bots'
      | 'botUpdates'
      | 'jobs'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
    content?: unknown;
    parseMode?: unknown;
  }): Promise<Result<MessageView, DomainError>> {
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (message.senderId !== input.actorId) return err(forbidden('not_author', 'only the author may edit a message'));
    if (message.deletedAt) return err(conflict('message_deleted', 'a deleted message cannot be edited'));
    if (message.type === 'poll')
      return err(conflict('poll_not_editable', 'a poll cannot be edited; close it and start another'));
    const now = this.deps.clock.now();
    const window = conversation.settings.editWindowSeconds;
    if (window && now.getTime() - message.createdAt.getTime() > window * 1000)
      return err(
        conflict('edit_window_passed', `messages here can be edited for ${window} seconds after they are sent`),
      );
    const issues = new Issues();
    const written = issues.text('content', input.content, { max: MAX_CONTENT_LENGTH, required: true });
    const mode = readParseMode(issues, input.parseMode);
    if (!issues.empty || written === undefined) return err(invalid(issues.list));
    const { text: content, entities } = parseEntities(written, mode);
    // A read-only member edits nothing; one without links may not edit a link in.
    const refused = restrictionRefusal(conversation, participant, now, {
      attachments: 0,
      links: extractLinks(content || null).length,
      poll: false,
    });
    if (refused) return err(refused);
    // An edit cannot wait for review: any filter that catches the new text refuses it.
    const verdict = await screenContent(this.deps.access, await this.deps.access.user(input.actorId), {
      content: content || null,
    });
    if (verdict) return err(filterRefusal(verdict));
    // Empty text is a caption removed; a message with no attachment would be left with nothing.
    if (!content && message.attachmentIds.length === 0)
      return err(conflict('content_required', 'a message without attachments needs text'));
    if ((content || null) === message.content) {
      const [same] = await toViews(this.deps.reactions, [message], input.actorId);
      return ok(same!);
    }
    await this.deps.editHistory.append({
      messageId: message.id,
      conversationId: message.conversationId,
      content: message.content,
      writtenAt: message.editedAt ?? message.createdAt,
      replacedAt: now,
    });
    const updated = await this.deps.messages.update(message.id, {
      content: content || null,
      editedAt: now,
      metadata: {
        ...message.metadata,
        links: extractLinks(content),
        entities,
        mentions: [
          ...new Set([
            ...message.metadata.mentions,
            ...(await resolveMentions(this.deps, message.conversationId, content, entities)),
          ]),
        ].slice(0, MAX_MENTIONS),
      },
    });
    if (!updated) return err(notFound('message'));
    const [view] = await toViews(this.deps.reactions, [updated], input.actorId);
    await recordEvent(this.deps, updated.conversationId, input.actorId, {
      type: 'message.edited',
      message: forEveryone(view!),
    });
    await tellBotsOfEdit(this.deps, updated);
    return ok(view!);
  }
}
