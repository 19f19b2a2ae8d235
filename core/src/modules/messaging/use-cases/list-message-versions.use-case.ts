import type { MessageVersion } from '../domain/message-version.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';

/**
 * Every text a message has had, oldest first: the earlier versions, then the current one (whose
 * replacedAt is null). Anyone who sees the message sees its history; deleting it deletes the history.
 */
export class ListMessageVersions {
  constructor(private readonly deps: Pick<Ports, 'messages' | 'editHistory' | 'conversations' | 'participants'>) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
  }): Promise<Result<(Omit<MessageVersion, 'replacedAt'> & { replacedAt: Date | null })[], DomainError>> {
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const { message } = found.value;
    const earlier = message.deletedAt ? [] : await this.deps.editHistory.list(message.id);
    return ok([
      ...earlier,
      {
        messageId: message.id,
        conversationId: message.conversationId,
        version: earlier.length + 1,
        content: message.content,
        writtenAt: message.editedAt ?? message.createdAt,
        replacedAt: null,
      },
    ]);
  }
}
