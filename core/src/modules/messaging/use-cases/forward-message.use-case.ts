import { newMessageId, type MessageDraft, type MessageView } from '../domain/message.js';
import { conflict, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { authorize } from '../../conversations/index.js';
import { announceMessage, storeMessage, jobsFor, type PublishDeps } from '../policies/publish-message.js';

/** Copies a message the actor can see into another conversation where they may post, keeping its origin. */
export class ForwardMessage {
  constructor(
    private readonly deps: PublishDeps &
      Pick<Ports, 'flags' | 'messages' | 'reactions' | 'participants' | 'conversations' | 'ids' | 'clock'>,
  ) {}

  async execute(input: {
    actorId: string;
    messageId: string;
    toConversationId: string;
  }): Promise<Result<MessageView, DomainError>> {
    const enabled = await requireFlag(this.deps.flags, 'forwarding');
    if (!enabled.ok) return enabled;
    const source = await loadVisibleMessage(this.deps, input.messageId, input.actorId);
    if (!source.ok) return source;
    const original = source.value.message;
    if (original.deletedAt || original.type === 'system')
      return err(conflict('message_deleted', 'this message cannot be forwarded'));
    const target = await authorize(this.deps, input.toConversationId, input.actorId, 'message.send');
    if (!target.ok) return target;
    const draft: MessageDraft = {
      id: newMessageId(input.toConversationId, this.deps.ids.next()),
      conversationId: input.toConversationId,
      senderId: input.actorId,
      type: original.type,
      content: original.content,
      clientMessageId: null,
      replyToId: null,
      forwardedFrom: original.forwardedFrom ?? {
        messageId: original.id,
        conversationId: original.conversationId,
        senderId: original.senderId,
      },
      attachmentIds: original.attachmentIds,
      metadata: { mentions: [], links: original.metadata.links },
      // A forwarded poll is a new poll with the same question and options: its votes are its own.
      ...(original.poll ? { poll: { ...original.poll, closedAt: null } } : {}),
      createdAt: this.deps.clock.now(),
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
      hiddenFor: [],
    };
    const jobs = jobsFor(draft.id, draft.conversationId);
    const { message } = await storeMessage(this.deps, draft, jobs);
    return ok(await announceMessage(this.deps, message, jobs));
  }
}
