import { closeConversation, isLive, type Conversation } from '../../conversations/index.js';
import { recordEvent } from '../../delivery/index.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

export type ConversationVerdict = 'shut' | 'reopen' | 'delete';

/**
 * A moderator shuts a conversation (it stays, everyone reads it, nobody posts, reacts, votes, types, adds or
 * invites: 403 `conversation_shut`), reopens it, or deletes it for everyone. Each with a reason, audited, and
 * told to its members live (`conversation.updated` with `shutAt`, or `conversation.deleted`).
 */
export class ModerateConversation {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'conversations' | 'participants' | 'events' | 'publisher' | 'audit' | 'ids' | 'clock' | 'logger'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    verdict: ConversationVerdict;
    reason?: unknown;
  }): Promise<Result<Conversation | null, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: true }) ?? null;
    if (!issues.empty) return err(invalid(issues.list));
    const conversation = await this.deps.conversations.findById(input.conversationId);
    if (!isLive(conversation)) return err(notFound('conversation'));
    if (input.verdict === 'delete') await closeConversation(this.deps, conversation.id, input.actorId);
    else {
      const shut = input.verdict === 'shut';
      if (Boolean(conversation.shutAt) === shut)
        return err(conflict(shut ? 'already_shut' : 'not_shut', `this conversation is ${shut ? '' : 'not '}shut`));
      const now = this.deps.clock.now();
      const updated = await this.deps.conversations.update(conversation.id, {
        shutAt: shut ? now : null,
        updatedAt: now,
      });
      if (!updated) return err(notFound('conversation'));
      await recordEvent(this.deps, conversation.id, input.actorId, {
        type: 'conversation.updated',
        conversation: updated,
      });
    }
    await audit(this.deps, {
      actorId: input.actorId,
      action: `conversation.${input.verdict === 'delete' ? 'deleted' : input.verdict === 'shut' ? 'shut' : 'reopened'}`,
      targetType: 'conversation',
      targetId: conversation.id,
      reason,
    });
    return ok(input.verdict === 'delete' ? null : await this.deps.conversations.findById(conversation.id));
  }
}
