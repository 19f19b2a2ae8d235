import { can } from '../../conversations/index.js';
import { validateEmoji } from '../domain/reaction.js';
import { conflict, forbidden, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { recordEvent } from '../../delivery/index.js';
import { tellBotsOfReaction, type BotMembershipDeps } from '../../bots/index.js';

export interface ReactInput {
  actorId: string;
  messageId: string;
  emoji?: unknown;
  /** 'add' (default) or 'remove'. */
  action?: 'add' | 'remove';
}

/** Adds or removes one emoji reaction; both are idempotent and only a real change records an event. */
export class ReactToMessage {
  constructor(
    private readonly deps: BotMembershipDeps &
      Pick<
        Ports,
        | 'messages'
        | 'reactions'
        | 'conversations'
        | 'participants'
        | 'events'
        | 'flags'
        | 'publisher'
        | 'clock'
        | 'logger'
      >,
  ) {}

  async execute(input: ReactInput): Promise<Result<{ changed: boolean }, DomainError>> {
    const enabled = await requireFlag(this.deps.flags, 'reactions');
    if (!enabled.ok) return enabled;
    const emoji = validateEmoji(input.emoji);
    if (!emoji.ok) return emoji;
    const found = await loadVisibleMessage(this.deps, input.messageId, input.actorId);
    if (!found.ok) return found;
    const { message, conversation, participant } = found.value;
    if (!can(conversation, participant, 'message.react'))
      return err(forbidden('not_allowed', 'you may not react here'));
    if (message.deletedAt) return err(conflict('message_deleted', 'a deleted message cannot be reacted to'));
    const changed =
      input.action === 'remove'
        ? await this.deps.reactions.remove(message.id, input.actorId, emoji.value)
        : await this.deps.reactions.add({
            messageId: message.id,
            conversationId: message.conversationId,
            userId: input.actorId,
            emoji: emoji.value,
            createdAt: this.deps.clock.now(),
          });
    if (changed) {
      await recordEvent(this.deps, message.conversationId, input.actorId, {
        type: input.action === 'remove' ? 'reaction.removed' : 'reaction.added',
        messageId: message.id,
        userId: input.actorId,
        emoji: emoji.value,
      });
      await tellBotsOfReaction(this.deps, {
        conversationId: message.conversationId,
        messageId: message.id,
        userId: input.actorId,
        emoji: emoji.value,
        removed: input.action === 'remove',
        mine: async () =>
          ((await this.deps.reactions.summarize([message.id], input.actorId)).get(message.id) ?? [])
            .filter((r) => r.mine)
            .map((r) => r.emoji),
      });
    }
    return ok({ changed });
  }
}
