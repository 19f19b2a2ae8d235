import type { MessageView } from '../domain/message.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';
import { loadMembership } from '../../conversations/index.js';
import { toViews } from '../policies/views.js';
import type { Page } from '../../../shared/page.js';

/** Full-text search over the messages of conversations the user belongs to (or one of them), newest first. */
export class SearchMessages {
  constructor(
    private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions' | 'flags'>,
  ) {}

  async execute(input: {
    actorId: string;
    q?: unknown;
    conversationId?: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<MessageView>, DomainError>> {
    const enabled = await requireFlag(this.deps.flags, 'search');
    if (!enabled.ok) return enabled;
    const raw = typeof input.q === 'string' ? input.q : '';
    const length = [...raw].length;
    if (length < 2 || length > 200) return err(invalid('q', 'must be 2-200 characters'));
    // Surrounding white space does not count in a search; a query of white space alone finds nothing.
    const text = raw.trim();
    const cursor = decodeCursor(input.cursor);
    if (input.cursor && (!cursor || cursor.length !== 2)) return err(invalid('cursor', 'is malformed'));
    let conversationIds: string[];
    if (input.conversationId) {
      const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
      if (!membership.ok) return membership;
      conversationIds = [input.conversationId];
    } else {
      conversationIds = (await this.deps.participants.listByUser(input.actorId, { state: 'active' })).map(
        (p) => p.conversationId,
      );
      const live = await this.deps.conversations.findManyByIds(conversationIds);
      conversationIds = live.filter((c) => !c.deletedAt).map((c) => c.id);
    }
    const limit = clampLimit(input.limit, 20, 50);
    if (!text) return ok({ data: [], nextCursor: null });
    const rows = await this.deps.messages.search({
      conversationIds,
      text,
      viewerId: input.actorId,
      limit: limit + 1,
      ...(cursor ? { before: { createdAt: new Date(Number(cursor[0])), id: String(cursor[1]) } } : {}),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return ok({
      data: await toViews(this.deps.reactions, page, input.actorId),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
    });
  }
}
