import type { Participant } from '../domain/participant.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import type { Page } from '../../../shared/page.js';

/** Active participants in join order; channel subscribers may not list the audience. */
export class ListParticipants {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<Participant>, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.list');
    if (!access.ok) return access;
    const limit = clampLimit(input.limit, 100, 500);
    const data = await this.deps.participants.listActive(input.conversationId, {
      afterUserId: input.cursor,
      limit: limit + 1,
    });
    const more = data.length > limit;
    const page = data.slice(0, limit);
    return ok({ data: page, nextCursor: more ? page.at(-1)!.userId : null });
  }
}
