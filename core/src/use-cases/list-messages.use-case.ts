import type { MessageView } from '../domain/message.js';
import { invalid, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import { clampLimit } from '../shared/validate.js';
import type { Ports } from '../ports/index.js';
import { loadMembership } from './shared/membership.js';
import { toViews } from './shared/views.js';

export interface MessagePage {
  data: MessageView[];
  /** Pass as `before` (default paging) or `after` (when paging forward) to get the next page; null at the end. */
  nextCursor: string | null;
}

const toSeq = (value: unknown): number | undefined | null => {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
};

/** History paged by seq: newest first with `before` (or neither), oldest first with `after`. */
export class ListMessages {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'messages' | 'reactions'>) {}

  async execute(input: { actorId: string; conversationId: string; before?: unknown; after?: unknown; limit?: number }): Promise<Result<MessagePage, DomainError>> {
    const before = toSeq(input.before);
    const after = toSeq(input.after);
    if (before === null) return err(invalid('before', 'must be a non-negative whole number'));
    if (after === null) return err(invalid('after', 'must be a non-negative whole number'));
    if (before !== undefined && after !== undefined) return err(invalid('before', 'cannot be combined with after'));
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const limit = clampLimit(input.limit, 50, 100);
    const rows = await this.deps.messages.page(input.conversationId, {
      ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}), limit: limit + 1, viewerId: input.actorId,
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return ok({ data: await toViews(this.deps.reactions, page, input.actorId), nextCursor: rows.length > limit && last ? String(last.seq) : null });
  }
}
