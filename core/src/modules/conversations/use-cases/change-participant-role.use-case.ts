import { ROLES_BY_KIND, outranks, type Participant, type ParticipantRole } from '../domain/participant.js';
import { ADMIN_RIGHTS, DEFAULT_ADMIN_RIGHTS, rightsOf, type AdminRight } from '../domain/rights.js';
import { withArticle } from '../domain/policy.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import { recordEvent } from '../../delivery/index.js';
import { botMemberStatus, tellBotOfMembership, type BotMembershipDeps } from '../../bots/index.js';

/**
 * Promotes or demotes a participant, and sets an admin's rights. The owner does anything (giving someone the
 * owner role transfers ownership); an admin with the `addAdmins` right appoints members as admins with rights
 * they hold themselves (by default, all of theirs) and touches no other admin. An admin's rights are stored
 * on their row; an admin with none stored holds DEFAULT_ADMIN_RIGHTS (what every admin could do before rights).
 */
export class ChangeParticipantRole {
  constructor(
    private readonly deps: BotMembershipDeps &
      Pick<Ports, 'conversations' | 'participants' | 'events' | 'publisher' | 'clock' | 'logger'>,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
    role?: unknown;
    rights?: unknown;
  }): Promise<Result<Participant, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.changeRole');
    if (!access.ok) return access;
    const { conversation, participant: actor } = access.value;
    const given = input.rights;
    if (given !== undefined && (!Array.isArray(given) || given.some((r) => !ADMIN_RIGHTS.includes(r as AdminRight))))
      return err(invalid('rights', `must be a list of ${ADMIN_RIGHTS.join(', ')}`));
    if (input.userId === input.actorId)
      return err(conflict('own_role', 'you cannot change your own role or rights; transfer ownership instead'));
    const target = await this.deps.participants.find(conversation.id, input.userId);
    if (!target || target.state !== 'active') return err(notFound('participant'));
    const role = (input.role ?? target.role) as ParticipantRole;
    if (!ROLES_BY_KIND[conversation.kind].includes(role))
      return err(
        conflict(
          'role_not_in_kind',
          `a ${conversation.kind} has the roles ${ROLES_BY_KIND[conversation.kind].join(', ')}`,
        ),
      );
    if (given !== undefined && role !== 'admin')
      return err(conflict('rights_for_admins_only', 'only admins hold rights'));
    const mine = rightsOf(actor);
    if (actor.role !== 'owner') {
      // An admin appoints members only: never the owner role, never another admin.
      if (role === 'owner' || !outranks(actor.role, target.role))
        return err(forbidden('not_allowed', `${withArticle(actor.role)} may not change ${withArticle(target.role)}`));
      const beyond = ((given ?? []) as AdminRight[]).filter((r) => !mine.includes(r));
      if (beyond.length)
        return err(forbidden('right_not_held', `you cannot grant rights you do not hold: ${beyond.join(', ')}`));
    }
    const rights =
      role !== 'admin'
        ? null
        : given !== undefined
          ? ADMIN_RIGHTS.filter((r) => (given as AdminRight[]).includes(r))
          : target.role === 'admin'
            ? (target.rights ?? null)
            : actor.role === 'owner'
              ? null
              : mine;
    if (target.role === role && sameRights(target.rights ?? null, rights)) return ok(target);
    const updated = await this.deps.participants.update(conversation.id, input.userId, { role, rights });
    await recordEvent(this.deps, conversation.id, input.actorId, {
      type: 'participant.role_changed',
      userId: input.userId,
      role,
      ...(role === 'admin' ? { rights: rightsOf({ role, rights }) } : {}),
    });
    if (botMemberStatus(role) !== botMemberStatus(target.role))
      await tellBotOfMembership(this.deps, {
        conversationId: conversation.id,
        userId: input.userId,
        actorId: input.actorId,
        from: botMemberStatus(target.role),
        to: botMemberStatus(role),
      });
    if (role === 'owner') {
      await this.deps.participants.update(conversation.id, input.actorId, { role: 'admin', rights: null });
      await recordEvent(this.deps, conversation.id, input.actorId, {
        type: 'participant.role_changed',
        userId: input.actorId,
        role: 'admin',
        rights: [...DEFAULT_ADMIN_RIGHTS],
      });
    }
    return updated ? ok(updated) : err(notFound('participant'));
  }
}

const sameRights = (a: AdminRight[] | null, b: AdminRight[] | null) =>
  (a === null && b === null) || (a !== null && b !== null && a.join() === b.join());
