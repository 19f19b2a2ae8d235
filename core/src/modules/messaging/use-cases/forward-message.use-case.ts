import {
  MAX_CLIENT_MESSAGE_ID,
  newMessageId,
  type Message,
  type MessageDraft,
  type MessageView,
} from '../domain/message.js';
import { conflict, invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CorePorts } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';
import { loadVisibleMessage } from '../policies/load-message.js';
import { authorize, directPeer } from '../../conversations/index.js';
import { blockedRefusal } from '../../identity/index.js';
import {
  announceMessage,
  completeEarlier,
  storeMessage,
  jobsFor,
  type PublishDeps,
} from '../policies/publish-message.js';
import { toViews } from '../policies/views.js';
import { restrictionRefusal } from '../policies/restrictions.js';
import { filterRefusal, screenContent } from '../policies/screen-content.js';

type Deps = PublishDeps &
  Pick<
    CorePorts,
    'flags' | 'messages' | 'reactions' | 'participants' | 'conversations' | 'blocks' | 'ids' | 'clock' | 'access'
  >;

/** How many messages one batch forward takes. */
export const MAX_FORWARD_BATCH = 100;

export interface Forwarded {
  messages: MessageView[];
  /** False when a retry (the same clientMessageId) found the copies stored before: nothing new was stored. */
  created: boolean;
}

/**
 * Copies messages the actor can see into another conversation where they may post, in the order given, each
 * keeping its origin. With a clientMessageId the forward is exactly once, as a send is: the copy of the i-th
 * message is keyed `<clientMessageId>` (one message) or `<clientMessageId>:<i>` (a batch), so a retry stores
 * nothing and gets the copies back, also after a crash half way through a batch (the missing ones are stored).
 * Every source is checked before anything is stored: one that cannot be forwarded refuses the whole batch.
 */
export class ForwardMessages {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    messageIds: readonly string[];
    toConversationId: string;
    clientMessageId?: string | null;
  }): Promise<Result<Forwarded, DomainError>> {
    const { messageIds, clientMessageId = null } = input;
    if (messageIds.length === 0 || messageIds.length > MAX_FORWARD_BATCH)
      return err(invalid('messageIds', `must name 1-${MAX_FORWARD_BATCH} messages`));
    if (new Set(messageIds).size !== messageIds.length) return err(invalid('messageIds', 'must not repeat a message'));
    if (
      clientMessageId !== null &&
      (clientMessageId.length === 0 || clientMessageId.length > MAX_CLIENT_MESSAGE_ID - 4)
    )
      return err(invalid('clientMessageId', `must be a string of 1-${MAX_CLIENT_MESSAGE_ID - 4} characters`));
    const enabled = await requireFlag(this.deps.flags, 'forwarding');
    if (!enabled.ok) return enabled;
    const originals: Message[] = [];
    for (const messageId of messageIds) {
      const source = await loadVisibleMessage(this.deps, messageId, input.actorId);
      if (!source.ok) return source;
      const original = source.value.message;
      if (original.deletedAt || original.type === 'system')
        return err(conflict('message_deleted', 'this message cannot be forwarded'));
      originals.push(original);
    }
    const target = await authorize(this.deps, input.toConversationId, input.actorId, 'message.send');
    if (!target.ok) return target;
    const peer = directPeer(target.value.conversation, input.actorId);
    if (peer !== null && (await this.deps.blocks.between(input.actorId, peer))) return err(blockedRefusal());
    const now = this.deps.clock.now();
    const forwarder = await this.deps.access.user(input.actorId);
    for (const original of originals) {
      const refused = restrictionRefusal(target.value.conversation, target.value.participant, now, {
        attachments: original.attachmentIds.length,
        links: original.metadata.links.length,
        poll: Boolean(original.poll),
      });
      if (refused) return err(refused);
      // Filters added since the original was posted apply to its copies (a forward cannot wait for review).
      const verdict = await screenContent(this.deps.access, forwarder, original);
      if (verdict) return err(filterRefusal(verdict));
    }
    const key = (i: number) =>
      clientMessageId === null ? null : messageIds.length === 1 ? clientMessageId : `${clientMessageId}:${i}`;
    const messages: MessageView[] = [];
    let created = false;
    for (const [i, original] of originals.entries()) {
      const copy = await this.forward(original, input.toConversationId, input.actorId, key(i));
      messages.push(copy.message);
      created ||= copy.created;
    }
    return ok({ messages, created });
  }

  private async forward(
    original: Message,
    conversationId: string,
    actorId: string,
    clientMessageId: string | null,
  ): Promise<{ message: MessageView; created: boolean }> {
    const draft: MessageDraft = {
      id: newMessageId(conversationId, this.deps.ids.next()),
      conversationId,
      senderId: actorId,
      type: original.type,
      content: original.content,
      clientMessageId,
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
    const jobs = jobsFor(draft);
    const { message, created, outbox } = await storeMessage(this.deps, draft, jobs);
    if (created) return { message: await announceMessage(this.deps, message, jobs), created };
    await completeEarlier(this.deps, message, outbox);
    const [view] = await toViews(this.deps.reactions, [message], actorId);
    return { message: view!, created };
  }
}

/** One message forwarded (see ForwardMessages): exactly once with a clientMessageId. */
export class ForwardMessage {
  private readonly batch: ForwardMessages;

  constructor(deps: Deps) {
    this.batch = new ForwardMessages(deps);
  }

  async execute(input: {
    actorId: string;
    messageId: string;
    toConversationId: string;
    clientMessageId?: string | null;
  }): Promise<Result<{ message: MessageView; created: boolean }, DomainError>> {
    const result = await this.batch.execute({ ...input, messageIds: [input.messageId] });
    if (!result.ok) return result;
    return ok({ message: result.value.messages[0]!, created: result.value.created });
  }
}
