import type { MessageView } from '../domain/message.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { CorePorts } from '../../../ports.js';
import { loadMembershipWith } from '../../conversations/index.js';
import { toViews } from '../policies/views.js';

export interface MessagePage {
  data: MessageView[];
  /** Pass back as `cursor` for the next page in the same direction; null at the end. Opaque. */
  nextCursor: string | null;
}

const toSeq = (value: unknown): number | undefined | null => {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/**
 * Where the next page starts: below (`b`) or above (`a`) a seq, or above one within a range (`r`, with its upper
 * bound).
 */
export function pageCursor(after: number | undefined, before: number | undefined, lastSeq: number): string {
  if (after === undefined) return encodeCursor(['b', lastSeq]);
  return before === undefined ? encodeCursor(['a', lastSeq]) : encodeCursor(['r', lastSeq, before]);
}

function fromCursor(cursor: unknown): { before?: number; after?: number } | null {
  const [direction, seq, bound, ...rest] = (typeof cursor === 'string' ? decodeCursor(cursor) : null) ?? [];
  if (typeof seq !== 'number' || rest.length > 0) return null;
  if (direction === 'b' && bound === undefined) return { before: seq };
  if (direction === 'a' && bound === undefined) return { after: seq };
  if (direction === 'r' && typeof bound === 'number') return { after: seq, before: bound };
  return null;
}

/**
 * Where a page by seq starts: the cursor a page returned, else before/after (the same rules for history and threads).
 */
export function seqWindow(input: {
  before?: unknown;
  after?: unknown;
  cursor?: unknown;
}): Result<{ before?: number; after?: number }, DomainError> {
  const resumed =
    input.cursor === undefined || input.cursor === null || input.cursor === '' ? null : fromCursor(input.cursor);
  if (resumed === null && input.cursor !== undefined && input.cursor !== null && input.cursor !== '')
    return err(invalid('cursor', 'is not a cursor this endpoint returned'));
  const before = resumed ? resumed.before : toSeq(input.before);
  const after = resumed ? resumed.after : toSeq(input.after);
  if (before === null) return err(invalid('before', 'must be a non-negative whole number'));
  if (after === null) return err(invalid('after', 'must be a non-negative whole number'));
  return ok({ ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
}

/**
 * History paged by seq: newest first with `before` (or nothing), oldest first with `after` (both: the
 * range between them, oldest first), and onwards with the `cursor` a page returned as `nextCursor` (it
 * remembers the direction; given a cursor, `before` and `after` are ignored).
 */
export class ListMessages {
  constructor(private readonly deps: Pick<CorePorts, 'access' | 'messages' | 'reactions'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    before?: unknown;
    after?: unknown;
    cursor?: unknown;
    limit?: number;
  }): Promise<Result<MessagePage, DomainError>> {
    const window = seqWindow(input);
    if (!window.ok) return window;
    const { before, after } = window.value;
    // From the AccessView, as a send checks it: a removal is honoured once its invalidation arrives (see AccessView).
    const membership = await loadMembershipWith(this.deps.access, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const limit = clampLimit(input.limit, 50, 100);
    const rows = await this.deps.messages.page(input.conversationId, {
      ...(before !== undefined ? { before } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: limit + 1,
      viewerId: input.actorId,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? pageCursor(after, before, last.seq) : null;
    return ok({ data: await toViews(this.deps.reactions, page, input.actorId), nextCursor });
  }
}
