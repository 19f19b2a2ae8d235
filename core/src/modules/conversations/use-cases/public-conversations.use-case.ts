import { isPublic, type Conversation, type ConversationKind } from '../domain/conversation.js';
import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import type { Page } from '../../../shared/page.js';

/** What anyone signed in sees of a public group or channel before joining it. */
export interface PublicConversation {
  id: string;
  kind: ConversationKind;
  name: string | null;
  username: string;
  description: string | null;
  avatarMediaId: string | null;
  memberCount: number;
  /** Whether the viewer is an active member. */
  joined: boolean;
}

type Deps = Pick<Ports, 'conversations' | 'participants'>;

async function toPublic(deps: Deps, viewerId: string, conversations: Conversation[]): Promise<PublicConversation[]> {
  return Promise.all(
    conversations.map(async (c) => {
      const [memberCount, me] = await Promise.all([
        deps.participants.countActive(c.id),
        deps.participants.find(c.id, viewerId),
      ]);
      return {
        id: c.id,
        kind: c.kind,
        name: c.name,
        username: c.username!,
        description: c.description,
        avatarMediaId: c.avatarMediaId,
        memberCount,
        joined: me?.state === 'active',
      };
    }),
  );
}

/** Finds public groups and channels by username or name; private ones never show. */
export class SearchPublicConversations {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    q?: unknown;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<PublicConversation>, DomainError>> {
    if (typeof input.q !== 'string' || input.q.length === 0 || input.q.length > 64)
      return err(invalid('q', 'must be 1-64 characters'));
    const limit = clampLimit(input.limit, 20, 50);
    const text = input.q.trim().replace(/^@/, '');
    // Nothing left to look for (white space, a lone @): nothing found.
    if (!text) return ok({ data: [], nextCursor: null });
    const rows = await this.deps.conversations.searchPublic({ text, afterId: input.cursor, limit: limit + 1 });
    const page = rows.slice(0, limit);
    return ok({
      data: await toPublic(this.deps, input.actorId, page),
      nextCursor: rows.length > limit ? page.at(-1)!.id : null,
    });
  }
}

/** A public group or channel by its @username (any case, with or without the @). */
export class FindPublicConversation {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; username: string }): Promise<Result<PublicConversation, DomainError>> {
    const found = await this.deps.conversations.findByUsername(input.username.replace(/^@/, ''));
    if (!found || !isPublic(found)) return err(notFound('conversation'));
    const [view] = await toPublic(this.deps, input.actorId, [found]);
    return ok(view!);
  }
}
