import { MAX_CLIENT_MESSAGE_ID, type MessageDraft, type MessageView } from '../domain/message.js';
import { isActiveUser } from '../domain/user.js';
import { conflict, forbidden, invalid, notFound, rateLimited, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { CoreConfig } from '../config.js';
import type { Ports } from '../ports/index.js';
import { composeMessage } from './shared/compose-message.js';
import { authorize } from './shared/membership.js';
import { outboxFor, publishMessage, type PublishDeps } from './shared/publish-message.js';
import { toViews } from './shared/views.js';

export interface SendMessageInput {
  actorId: string;
  conversationId: string;
  content?: unknown;
  clientMessageId?: unknown;
  replyToId?: unknown;
  attachmentIds?: unknown;
  metadata?: unknown;
}

type Deps = PublishDeps & Pick<Ports, 'users' | 'participants' | 'media' | 'rateLimiter'>;

/**
 * Sends a message. With a clientMessageId the send is idempotent: a retry returns the original message
 * (created = false) and stores nothing, also when the retries race each other.
 */
export class SendMessage {
  constructor(private readonly deps: Deps, private readonly config: Pick<CoreConfig, 'sendRate'>) {}

  async execute(input: SendMessageInput): Promise<Result<{ message: MessageView; created: boolean }, DomainError>> {
    const clientMessageId = input.clientMessageId ?? null;
    if (clientMessageId !== null && (typeof clientMessageId !== 'string' || !clientMessageId || clientMessageId.length > MAX_CLIENT_MESSAGE_ID))
      return err(invalid('clientMessageId', `must be a string of 1-${MAX_CLIENT_MESSAGE_ID} characters`));
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'message.send');
    if (!access.ok) return access;
    if (clientMessageId) {
      const earlier = await this.deps.messages.findByClientId(input.actorId, clientMessageId);
      if (earlier) return this.replay(earlier, input);
    }
    if (!isActiveUser(await this.deps.users.findById(input.actorId))) return err(forbidden('banned', 'this account is banned'));
    if (this.config.sendRate) {
      const verdict = await this.deps.rateLimiter.hit(`send:${input.actorId}`, this.config.sendRate, this.deps.clock.now());
      if (!verdict.allowed) return err(rateLimited(verdict.retryAfterMs));
    }
    const composed = await composeMessage(this.deps, { ...input, senderId: input.actorId });
    if (!composed.ok) return composed;
    const replyToId = input.replyToId ?? null;
    if (replyToId !== null) {
      const target = typeof replyToId === 'string' ? await this.deps.messages.findById(replyToId) : null;
      if (!target || target.conversationId !== input.conversationId) return err(notFound('message'));
    }
    const draft: MessageDraft = {
      id: this.deps.ids.next(), conversationId: input.conversationId, senderId: input.actorId,
      type: composed.value.type, content: composed.value.content, clientMessageId, replyToId: replyToId as string | null,
      forwardedFrom: null, attachmentIds: composed.value.attachments.map((m) => m.id), metadata: composed.value.metadata,
      createdAt: this.deps.clock.now(), editedAt: null, deletedAt: null, deletedBy: null, hiddenFor: [],
      pendingJobs: [],
    };
    draft.pendingJobs = outboxFor(draft.id, draft.conversationId);
    const { message, created } = await this.deps.messages.append(draft);
    if (!created) return this.replay(message, input);
    return ok({ message: await publishMessage(this.deps, message), created: true });
  }

  private async replay(earlier: Parameters<typeof toViews>[1][number], input: SendMessageInput) {
    if (earlier.conversationId !== input.conversationId)
      return err(conflict('client_message_id_reused', 'this clientMessageId was used for another conversation'));
    const [view] = await toViews(this.deps.reactions, [earlier], input.actorId);
    return ok({ message: view!, created: false });
  }
}
