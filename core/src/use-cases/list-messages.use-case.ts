import type { MessageView } from '../domain/message.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { invalid, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { clampLimit } from '../shared/validate.js';
import type { Ports } from '../ports/index.js';
import { loadMembership } from './shared/membership.js';
import { toViews } from './shared/views.js';

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

/** Where the next page starts: below (`b`) or above (`a`) a seq. */
const pageCursor = (direction: 'b' | 'a', seq: number) => encodeCursor([direction, seq]);

function fromCursor(cursor: unknown): { before?: number; after?: number } | null {
  const parts = typeof cursor === 'string' ? decodeCursor(cursor) : null;
  const [direction, seq] = parts ?? [];
  if ((direction !== 'b' && direction !== 'a') || typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0) return null;
  return direction === 'b' ? { before: seq } : { after: seq };
}

/**
 * History paged by seq: newest first with `before` (or nothing), oldest first with `after`, and either way
 * onwards with the `cursor` a page returned as `nextCursor` (it remembers the direction).
 */
export class ListMessages {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions'>) {}

  async execute(input: { actorId: string; conversationId: string; before?: unknown; after?: unknown; cursor?: unknown; limit?: number }): Promise<Result<MessagePage, DomainError>> {
    const given = [input.before, input.after, input.cursor].filter((v) => v !== undefined && v !== null && v !== '').length;
    if (given > 1) return err(invalid('cursor', 'give at most one of before, after and cursor'));
    const resumed = input.cursor === undefined || input.cursor === null || input.cursor === '' ? {} : fromCursor(input.cursor);
    if (resumed === null) return err(invalid('cursor', 'is not a cursor this endpoint returned'));
    const before = resumed.before ?? toSeq(input.before);
    const after = resumed.after ?? toSeq(input.after);
    if (before === null) return err(invalid('before', 'must be a non-negative whole number'));
    if (after === null) return err(invalid('after', 'must be a non-negative whole number'));
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const limit = clampLimit(input.limit, 50, 100);
    const rows = await this.deps.messages.page(input.conversationId, {
      ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), limit: limit + 1, viewerId: input.actorId,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = rows.length > limit && last ? pageCursor(after !== undefined ? 'a' : 'b', last.seq) : null;
    return ok({ data: await toViews(this.deps.reactions, page, input.actorId), nextCursor });
  }
}
