import { outranks, type Participant } from '../domain/participant.js';
import { withArticle } from '../domain/policy.js';
import { RESTRICTABLE, type Restrictable } from '../domain/restriction.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { recordEvent, type EventDeps } from '../../delivery/index.js';
import { authorize } from '../policies/membership.js';
import { laterDate } from '../policies/until.js';

/**
 * An owner or admin restricts a member, for good or until a time: `deny` lists what is taken away
 * (`send`: read-only; `media`, `links`, `polls`); an empty list lifts the restriction. The member (and
 * everyone) learns from `participant.restricted` in the conversation's stream. A restriction stays with
 * the member across leaving and coming back, so leaving does not shake it off.
 */
export class RestrictParticipant {
  constructor(private readonly deps: EventDeps & Pick<Ports, 'conversations' | 'participants'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
    deny?: unknown;
    until?: unknown;
  }): Promise<Result<Participant, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.restrict');
    if (!access.ok) return access;
    const deny = input.deny;
    if (!Array.isArray(deny) || deny.some((d) => !RESTRICTABLE.includes(d as Restrictable)))
      return err(invalid('deny', `must be a list of ${RESTRICTABLE.join(', ')}`));
    const now = this.deps.clock.now();
    const until = laterDate(input.until, 'until', now);
    if (!until.ok) return until;
    if (input.userId === input.actorId)
      return err(conflict('cannot_restrict_yourself', 'you cannot restrict yourself'));
    const target = await this.deps.participants.find(input.conversationId, input.userId);
    if (target?.state !== 'active') return err(notFound('participant'));
    const actor = access.value.participant;
    if (!outranks(actor.role, target.role))
      return err(forbidden('not_allowed', `${withArticle(actor.role)} may not restrict ${withArticle(target.role)}`));
    const list = RESTRICTABLE.filter((what) => deny.includes(what));
    const updated = await this.deps.participants.update(input.conversationId, input.userId, {
      restrictions: list.length > 0 ? { deny: list, until: until.value, by: input.actorId, at: now } : null,
    });
    if (!updated) return err(notFound('participant'));
    await recordEvent(this.deps, input.conversationId, input.actorId, {
      type: 'participant.restricted',
      userId: input.userId,
      deny: list,
      until: list.length > 0 ? until.value : null,
    });
    return ok(updated);
  }
}
