import type { ConversationEvent } from '../domain/event.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { loadMembership } from '../../conversations/index.js';

export interface EventPage {
  events: ConversationEvent[];
  /** The eventSeq to pass as `after` next time (the last one returned, or the one given). */
  lastEventSeq: number;
  /** True when more events exist after this page. */
  hasMore: boolean;
}

/** Catch-up: a conversation's events after a given eventSeq, in order, without gaps or duplicates. */
export class GetConversationEvents {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'events'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    after?: unknown;
    limit?: number;
  }): Promise<Result<EventPage, DomainError>> {
    const after = input.after === undefined ? 0 : Number(input.after);
    if (!Number.isInteger(after) || after < 0) return err(invalid('after', 'must be a non-negative whole number'));
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    const limit = clampLimit(input.limit, 200, 1000);
    const rows = await this.deps.events.listAfter(input.conversationId, after, limit + 1);
    const events = rows.slice(0, limit);
    return ok({ events, lastEventSeq: events.at(-1)?.eventSeq ?? after, hasMore: rows.length > limit });
  }
}
