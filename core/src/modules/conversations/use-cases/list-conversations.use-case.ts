import { isLive } from '../domain/conversation.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import type { Page } from '../../../shared/page.js';
import { toConversationViews, type ConversationView } from '../policies/conversation-view.js';
import type { OwnWrites } from '../../delivery/index.js';

/** The user's conversations, most recent activity first, each with unread count, role and last message. */
export class ListConversations {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions'> & {
      ownWrites: OwnWrites;
    },
  ) {}

  async execute(input: {
    actorId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<ConversationView>, DomainError>> {
    const limit = clampLimit(input.limit, 30, 100);
    const cursor = decodeCursor(input.cursor);
    if (input.cursor && (!cursor || cursor.length !== 2)) return err(invalid('cursor', 'is malformed'));
    await this.deps.ownWrites.settle();
    const rows = await this.deps.participants.listByUser(input.actorId, { state: 'active' });
    const conversations = (await this.deps.conversations.findManyByIds(rows.map((r) => r.conversationId)))
      .filter(isLive)
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.id < b.id ? 1 : -1));
    const start = cursor
      ? conversations.findIndex(
          (c) =>
            c.lastActivityAt.getTime() < Number(cursor[0]) ||
            (c.lastActivityAt.getTime() === Number(cursor[0]) && c.id < String(cursor[1])),
        )
      : 0;
    const slice = start < 0 ? [] : conversations.slice(start, start + limit);
    const byConversation = new Map(rows.map((r) => [r.conversationId, r]));
    const data = await toConversationViews(
      this.deps,
      input.actorId,
      slice.map((c) => ({ conversation: c, participant: byConversation.get(c.id)! })),
    );
    const last = slice.at(-1);
    const more = start >= 0 && start + limit < conversations.length;
    return ok({ data, nextCursor: more && last ? encodeCursor([last.lastActivityAt.getTime(), last.id]) : null });
  }
}
