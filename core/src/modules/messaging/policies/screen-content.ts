import { screen, type FilterVerdict } from '../../moderation/index.js';
import { isModerator, type User } from '../../identity/index.js';
import { forbidden, type Forbidden } from '../../../shared/errors.js';
import type { CorePorts } from '../../../ports.js';
import type { Poll } from '../domain/poll.js';

/**
 * What the platform's word and link filters say about content someone is about to post: null when none
 * catches it, or when the poster is platform staff (moderators quote what they filter, to warn about it).
 * The filters come through the AccessView: cached, and dropped on every node when one is added or removed.
 */
export async function screenContent(
  access: CorePorts['access'],
  poster: User | null,
  content: { content: string | null; poll?: Poll | null },
): Promise<FilterVerdict | null> {
  if (poster && isModerator(poster)) return null;
  const filters = await access.filters();
  if (filters.length === 0) return null;
  return screen(filters, { texts: [content.content, ...(content.poll?.options.map((o) => o.text) ?? [])] });
}

/**
 * The refusal for content a filter caught, where it cannot wait for review: a `block` filter always
 * (403 `content_blocked`), a `hold` filter on an edit, a forward or a scheduled message (403
 * `content_needs_review`: only a new message can wait for a moderator). Which filter caught it is not said.
 */
export function filterRefusal(verdict: FilterVerdict): Forbidden {
  return verdict.action === 'block'
    ? forbidden('content_blocked', 'this message has words or links that are not allowed here')
    : forbidden(
        'content_needs_review',
        'this content needs a moderator to review it; send it as a new message to have it reviewed',
      );
}
