import { MAX_PINS } from '../domain/pin.js';
import { can, refusal } from '../../conversations/index.js';
import { conflict, forbidden, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { recordEvent } from '../../delivery/index.js';

/**
 * Pins a message to the top of its conversation, or unpins it: owners and admins of groups and channels,
 * either person in a direct chat. Both are idempotent; only a real change records message.pinned or
 * message.unpinned.
 */
export class PinMessage {
  constructor(
    private readonly deps: Pick<
      Ports,
      'messages' | 'pins' | 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    conversationId?: string;
    pinned: boolean;
  }): Promise<Result<{ changed: boolean }, DomainError>> {
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId, input.conversationId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (!can(conversation, participant, 'message.pin'))
      return err(forbidden('not_allowed', refusal(conversation.kind, participant.role, 'message.pin')));
    let changed: boolean;
    if (input.pinned) {
      if (message.deletedAt) return err(conflict('message_deleted', 'a deleted message cannot be pinned'));
      if ((await this.deps.pins.count(conversation.id)) >= MAX_PINS)
        return err(conflict('pin_limit_reached', `a conversation holds at most ${MAX_PINS} pins`));
      changed = await this.deps.pins.add({
        conversationId: conversation.id,
        messageId: message.id,
        seq: message.seq,
        pinnedBy: input.actorId,
        pinnedAt: this.deps.clock.now(),
      });
    } else {
      changed = await this.deps.pins.remove(conversation.id, message.id);
    }
    if (changed) {
      await recordEvent(this.deps, conversation.id, input.actorId, {
        type: input.pinned ? 'message.pinned' : 'message.unpinned',
        messageId: message.id,
        seq: message.seq,
      });
    }
    return ok({ changed });
  }
}
