import { can } from '../../conversations/index.js';
import { forbidden, invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { notifyUser } from '../../delivery/index.js';
import { eraseMessage, type EraseDeps } from '../policies/erase-message.js';

/**
 * Deletes a message for everyone (its author within the configured window, or an owner/admin of the
 * conversation at any time), leaving a tombstone; or hides it for the actor only (`for: 'me'`).
 */
export class DeleteMessage {
  constructor(
    private readonly deps: EraseDeps & Pick<Ports, 'participants'>,
    private readonly config: Pick<CoreConfig, 'deleteForEveryoneWindowMs'>,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
    for?: unknown;
  }): Promise<Result<void, DomainError>> {
    const scope = input.for ?? 'everyone';
    if (scope !== 'me' && scope !== 'everyone') return err(invalid('for', "must be 'me' or 'everyone'"));
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (scope === 'me') {
      await this.deps.messages.hideFor(message.id, input.actorId);
      await notifyUser(this.deps, input.actorId, {
        type: 'message.hidden',
        conversationId: message.conversationId,
        messageId: message.id,
      });
      return ok(undefined);
    }
    if (message.deletedAt) return ok(undefined);
    const now = this.deps.clock.now().getTime();
    const ownInWindow =
      message.senderId === input.actorId && now - message.createdAt.getTime() <= this.config.deleteForEveryoneWindowMs;
    if (!ownInWindow && !can(conversation, participant, 'message.deleteAny'))
      return err(
        forbidden(
          message.senderId === input.actorId ? 'delete_window_expired' : 'not_allowed',
          message.senderId === input.actorId
            ? 'the time to delete this message for everyone has passed'
            : 'you may not delete this message',
        ),
      );
    await eraseMessage(this.deps, message, input.actorId);
    return ok(undefined);
  }
}
