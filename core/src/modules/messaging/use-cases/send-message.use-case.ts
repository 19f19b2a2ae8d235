import { MAX_CLIENT_MESSAGE_ID, newDraft, newMessageId, type Message } from '../domain/message.js';
import { blockedRefusal, isActiveUser } from '../../identity/index.js';
import { can, directPeer, refuseBanned } from '../../conversations/index.js';
import { forbidden, invalid, notFound, rateLimited, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { CorePorts } from '../../../ports.js';
import type { OutboxEntry } from '../../delivery/index.js';
import { composeMessage } from '../policies/compose-message.js';
import { authorizeWith } from '../../conversations/index.js';
import {
  announceMessage,
  completeEarlier,
  jobsFor,
  storeMessage,
  type PublishDeps,
} from '../policies/publish-message.js';
import { toViews } from '../policies/views.js';
import { restrictionRefusal } from '../policies/restrictions.js';
import { filterRefusal, screenContent } from '../policies/screen-content.js';
import { toHeldReceipt, type HeldDraft, type SendOutcome } from '../domain/held-message.js';
import type { FilterVerdict } from '../../moderation/index.js';
import { readReplyMarkup, type ReplyMarkup } from '../domain/reply-markup.js';

export interface SendMessageInput {
  actorId: string;
  conversationId: string;
  content?: unknown;
  clientMessageId?: unknown;
  replyToId?: unknown;
  attachmentIds?: unknown;
  metadata?: unknown;
  /** Send without notifying anyone. */
  silent?: unknown;
  /** A poll instead of text or attachments: { question, options, multiple?, anonymous? }. */
  poll?: unknown;
  /** 'markdown' turns **bold**, __italic__, `code` and ```pre``` into entities; default 'plain'. */
  parseMode?: unknown;
  /** Buttons under the message (bots only): `{ inlineKeyboard: [[{ text, callbackData | url }]] }`. */
  replyMarkup?: unknown;
}

type Deps = PublishDeps &
  Pick<
    CorePorts,
    | 'messages'
    | 'participants'
    | 'users'
    | 'reactions'
    | 'rateLimiter'
    | 'ids'
    | 'clock'
    | 'access'
    | 'outboxLog'
    | 'conversationBans'
    | 'heldMessages'
  >;

/**
 * Sends a message. The message and its `message.created` event are one insert; what the send must know
 * about the sender (membership, role, ban) comes from the AccessView (cached in production), so the common case is that
 * one
 * write and no read. With a clientMessageId the send is idempotent: a retry returns the original
 * (created = false) and stores nothing, however it races the original. Content a word or link filter
 * catches is refused (`block`) or kept for review (`hold`: nothing stored in the log, see HeldMessage).
 */
export class SendMessage {
  constructor(
    private readonly deps: Deps,
    private readonly config: Pick<CoreConfig, 'sendRate'>,
  ) {}

  async execute(input: SendMessageInput): Promise<Result<SendOutcome, DomainError>> {
    const clientMessageId = input.clientMessageId ?? null;
    if (
      clientMessageId !== null &&
      (typeof clientMessageId !== 'string' || !clientMessageId || clientMessageId.length > MAX_CLIENT_MESSAGE_ID)
    )
      return err(invalid('clientMessageId', `must be a string of 1-${MAX_CLIENT_MESSAGE_ID} characters`));
    const { access } = this.deps;
    // A reply is a comment: channel subscribers may comment where the channel turned comments on.
    const commenting = input.replyToId !== undefined && input.replyToId !== null;
    const allowed = await authorizeWith(
      access,
      input.conversationId,
      input.actorId,
      commenting ? 'message.comment' : 'message.send',
    );
    if (!allowed.ok) {
      // Someone banned from here is told so (a rare path: one read of the ban, no cost to a member's send).
      const banned =
        allowed.error.type === 'NotFound'
          ? await refuseBanned(this.deps, input.conversationId, input.actorId, input.actorId)
          : null;
      return banned ? err(banned) : allowed;
    }
    if (
      commenting &&
      !can(allowed.value.conversation, allowed.value.participant, 'message.send') &&
      allowed.value.conversation.settings.comments !== true
    )
      return err(forbidden('comments_off', 'comments are off in this channel'));
    await this.deps.probe?.('authorized');
    const sender = await access.user(input.actorId);
    if (!isActiveUser(sender)) return err(forbidden('banned', 'this account is banned'));
    const direct = directPeer(allowed.value.conversation, input.actorId);
    if (direct !== null && (await access.blocked(input.actorId, direct))) return err(blockedRefusal());
    const { conversation, participant } = allowed.value;
    const readOnly = restrictionRefusal(conversation, participant, this.deps.clock.now());
    if (readOnly) return err(readOnly);
    const slow =
      conversation.kind === 'group' && participant.role === 'member'
        ? (conversation.settings.slowModeSeconds ?? null)
        : null;
    const limits = [
      ...(this.config.sendRate ? [{ key: `send:${input.actorId}`, rule: this.config.sendRate }] : []),
      // Slow mode: one message per member per interval in this group; owners and admins are exempt.
      ...(slow ? [{ key: `slow:${conversation.id}:${input.actorId}`, rule: { limit: 1, windowMs: slow * 1000 } }] : []),
    ];
    for (const { key, rule } of limits) {
      const verdict = await this.deps.rateLimiter.hit(key, rule, this.deps.clock.now());
      if (!verdict.allowed) {
        // A retry of something already stored is answered even when the sender is over the rate.
        const earlier = clientMessageId
          ? await this.deps.messages.findByClientId(input.conversationId, input.actorId, clientMessageId)
          : null;
        if (!earlier) return err(rateLimited(verdict.retryAfterMs));
        return this.replay(earlier, await this.deps.outboxLog.find(earlier.id), input);
      }
    }
    const composed = await composeMessage(this.deps, { ...input, senderId: input.actorId });
    if (!composed.ok) return composed;
    const carries = restrictionRefusal(conversation, participant, this.deps.clock.now(), {
      attachments: composed.value.attachments.length,
      links: composed.value.metadata.links.length,
      poll: composed.value.poll !== null,
    });
    if (carries) return err(carries);
    let replyMarkup: ReplyMarkup | null = null;
    if (input.replyMarkup !== undefined && input.replyMarkup !== null) {
      if (!sender.isBot) return err(forbidden('bots_only', 'only bots put buttons under their messages'));
      const read = readReplyMarkup(input.replyMarkup);
      if (typeof read === 'string') return err(invalid('replyMarkup', read));
      replyMarkup = read;
    }
    const verdict = await screenContent(access, sender, composed.value);
    if (verdict?.action === 'block') return err(filterRefusal(verdict));
    const replyToId = input.replyToId ?? null;
    let threadRootId: string | null = null;
    if (replyToId !== null) {
      const target = typeof replyToId === 'string' ? await this.deps.messages.findById(replyToId) : null;
      if (!target || target.conversationId !== input.conversationId) return err(notFound('message'));
      threadRootId = target.threadRootId ?? target.id;
    }
    const content: HeldDraft = {
      type: composed.value.type,
      content: composed.value.content,
      replyToId: replyToId as string | null,
      attachmentIds: composed.value.attachments.map((m) => m.id),
      metadata: composed.value.metadata,
    };
    if (composed.value.poll) content.poll = composed.value.poll;
    if (threadRootId) content.threadRootId = threadRootId;
    if (replyMarkup) content.replyMarkup = replyMarkup;
    if (verdict) return this.hold(input, clientMessageId, content, verdict);
    const id = newMessageId(input.conversationId, this.deps.ids.next());
    const draft = newDraft(content, {
      id,
      conversationId: input.conversationId,
      senderId: input.actorId,
      clientMessageId,
      createdAt: this.deps.clock.now(),
    });
    const jobs = jobsFor(draft);
    await this.deps.probe?.('composed');
    const { message, created, outbox } = await storeMessage(this.deps, draft, jobs);
    await this.deps.probe?.('stored');
    if (!created) return this.replay(message, outbox, input);
    return ok({ message: await announceMessage(this.deps, message, jobs), created: true });
  }

  /**
   * Keeps the message for review. A retry finds what its first attempt did: the message, if that was stored
   * before the filter existed or has been approved since; else the held one.
   */
  private async hold(
    input: SendMessageInput,
    clientMessageId: string | null,
    draft: HeldDraft,
    verdict: FilterVerdict,
  ): Promise<Result<SendOutcome, DomainError>> {
    const { messages, heldMessages, ids, clock } = this.deps;
    const stored = clientMessageId
      ? await messages.findByClientId(input.conversationId, input.actorId, clientMessageId)
      : null;
    if (stored) return this.replay(stored, await this.deps.outboxLog.find(stored.id), input);
    const { held, created } = await heldMessages.hold({
      id: ids.next(),
      conversationId: input.conversationId,
      senderId: input.actorId,
      clientMessageId,
      draft,
      filterIds: verdict.filterIds,
      state: 'held',
      heldAt: clock.now(),
      decidedBy: null,
      decidedAt: null,
      reason: null,
      messageId: null,
    });
    return ok({ held: toHeldReceipt(held), created });
  }

  private async replay(earlier: Message, outbox: OutboxEntry | null, input: SendMessageInput) {
    await completeEarlier(this.deps, earlier, outbox);
    const [view] = await toViews(this.deps.reactions, [earlier], input.actorId);
    return ok({ message: view!, created: false });
  }
}
