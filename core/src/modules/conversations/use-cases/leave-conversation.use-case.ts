import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import { depart, type DepartDeps } from '../policies/depart.js';
import { loadMembership } from '../policies/membership.js';

/** A participant leaves; an owner's leaving hands ownership on (see depart). */
export class LeaveConversation {
  constructor(private readonly deps: DepartDeps) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<void, DomainError>> {
    const membership = await loadMembership(this.deps, input.conversationId, input.actorId);
    if (!membership.ok) return membership;
    await depart(this.deps, membership.value.conversation, membership.value.participant, input.actorId, 'left');
    return ok(undefined);
  }
}
