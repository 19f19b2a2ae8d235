import { withArticle } from '../domain/policy.js';
import { outranks } from '../domain/participant.js';
import { forbidden, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { depart, type DepartDeps } from '../policies/depart.js';
import { authorize, loadMembership } from '../policies/membership.js';

/** Removes another participant (from a strictly higher role); removing yourself is leaving. */
export class RemoveParticipant {
  constructor(private readonly deps: DepartDeps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
  }): Promise<Result<void, DomainError>> {
    if (input.userId === input.actorId) {
      const self = await loadMembership(this.deps, input.conversationId, input.actorId);
      if (!self.ok) return self;
      await depart(this.deps, self.value.conversation, self.value.participant, input.actorId, 'left');
      return ok(undefined);
    }
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.remove');
    if (!access.ok) return access;
    const target = await this.deps.participants.find(input.conversationId, input.userId);
    if (!target || target.state !== 'active') return err(notFound('participant'));
    if (!outranks(access.value.participant.role, target.role))
      return err(
        forbidden(
          'not_allowed',
          `${withArticle(access.value.participant.role)} may not remove ${withArticle(target.role)}`,
        ),
      );
    await depart(this.deps, access.value.conversation, target, input.actorId, 'removed');
    return ok(undefined);
  }
}
