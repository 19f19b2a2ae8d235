import { conflict, invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize, loadMembership } from '../../conversations/index.js';

export const MAX_VIEWS_PER_CALL = 100;
/** As many ids as a comma-separated query may carry (the presence lookup takes as many). */
export const MAX_VIEW_COUNTS_PER_CALL = 200;

type Deps = Pick<Ports, 'conversations' | 'participants' | 'messages' | 'views' | 'clock'>;

function readIds(value: unknown, max: number): Result<string[], DomainError> {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    value.length > max ||
    !value.every((id) => typeof id === 'string' && id.length > 0)
  )
    return err(invalid('messageIds', `must list 1-${max} message ids`));
  return ok([...new Set(value as string[])]);
}

/**
 * A channel member tells which posts they saw (their client does, as posts scroll into view); each post
 * counts each person once, however often they say so. Ids that are not posts of this channel are ignored.
 */
export class RecordViews {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    messageIds: unknown;
  }): Promise<Result<{ counted: number }, DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    if (membership.value.conversation.kind !== 'channel')
      return err(conflict('views_channels_only', 'view counts are kept for channel posts'));
    const ids = readIds(input.messageIds, MAX_VIEWS_PER_CALL);
    if (!ids.ok) return ids;
    const posts = (await this.deps.messages.findManyByIds(ids.value)).filter(
      (m) => m.conversationId === input.conversationId && !m.deletedAt,
    );
    const counted = await this.deps.views.record(
      input.conversationId,
      input.actorId,
      posts.map((m) => m.id),
      this.deps.clock.now(),
    );
    return ok({ counted: counted.length });
  }
}

/** How many people saw each of these posts: for the channel's owners and admins. */
export class GetViewCounts {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    messageIds: unknown;
  }): Promise<Result<{ messageId: string; views: number }[], DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'views.see');
    if (!access.ok) return access;
    const ids = readIds(input.messageIds, MAX_VIEW_COUNTS_PER_CALL);
    if (!ids.ok) return ids;
    const posts = (await this.deps.messages.findManyByIds(ids.value)).filter(
      (m) => m.conversationId === input.conversationId,
    );
    const counts = await this.deps.views.count(posts.map((m) => m.id));
    return ok(posts.map((m) => ({ messageId: m.id, views: counts.get(m.id) ?? 0 })));
  }
}
