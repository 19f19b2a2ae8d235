import type { Conversation, ConversationKind } from '../../conversations/index.js';
import type { Participant } from '../../conversations/index.js';
import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';
import type { Page } from '../../../shared/page.js';

export type ConversationInspection =
  | { view: 'list'; kind?: unknown; cursor?: string; limit?: number }
  | { view: 'show'; conversationId: string }
  | { view: 'members'; conversationId: string; cursor?: string; limit?: number };

/**
 * Moderators look at conversations from the outside (any conversation, deleted ones too): a list, one
 * conversation with its member count, or its members. Reading messages stays a per-message action.
 */
export class InspectConversations {
  constructor(private readonly deps: Pick<Ports, 'users' | 'conversations' | 'participants'>) {}

  async execute(
    input: { actorId: string } & ConversationInspection,
  ): Promise<Result<Page<Conversation> | (Conversation & { memberCount: number }) | Page<Participant>, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    if (input.view === 'list') {
      if (input.kind !== undefined && !['direct', 'group', 'channel'].includes(input.kind as string))
        return err(invalid('kind', 'must be direct, group or channel'));
      const limit = clampLimit(input.limit, 50, 200);
      const rows = await this.deps.conversations.list({
        limit: limit + 1,
        ...(input.cursor ? { afterId: input.cursor } : {}),
        ...(input.kind ? { kind: input.kind as ConversationKind } : {}),
      });
      const data = rows.slice(0, limit);
      return ok({ data, nextCursor: rows.length > limit ? data.at(-1)!.id : null });
    }
    const conversation = await this.deps.conversations.findById(input.conversationId);
    if (!conversation) return err(notFound('conversation'));
    if (input.view === 'show')
      return ok({ ...conversation, memberCount: await this.deps.participants.countActive(conversation.id) });
    const limit = clampLimit(input.limit, 100, 500);
    const rows = await this.deps.participants.listActive(conversation.id, {
      limit: limit + 1,
      ...(input.cursor ? { afterUserId: input.cursor } : {}),
    });
    const data = rows.slice(0, limit);
    return ok({ data, nextCursor: rows.length > limit ? data.at(-1)!.userId : null });
  }
}
