import { ROLES_BY_KIND, defaultRole, type Participant, type ParticipantRole } from '../domain/participant.js';
import { isActiveUser, refuseBlockedAdds, refusePrivateAdds } from '../../identity/index.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import { admit } from '../policies/admit.js';

/** Adds a user to a group or channel; only the owner may add straight into the admin role. */
export class AddParticipant {
  constructor(
    private readonly deps: Pick<
      Ports,
      | 'users'
      | 'blocks'
      | 'conversations'
      | 'participants'
      | 'conversationBans'
      | 'events'
      | 'publisher'
      | 'clock'
      | 'logger'
      | 'bots'
      | 'botUpdates'
      | 'botChats'
      | 'jobs'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId?: unknown;
    role?: unknown;
  }): Promise<Result<Participant, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.add');
    if (!access.ok) return access;
    const { conversation, participant: actor } = access.value;
    if (typeof input.userId !== 'string') return err(invalid('userId', 'is required'));
    const role = (input.role ?? defaultRole(conversation.kind)) as ParticipantRole;
    if (!ROLES_BY_KIND[conversation.kind].includes(role) || role === 'owner')
      return err(
        conflict(
          'role_not_in_kind',
          `in a ${conversation.kind} new members may be ` +
            `${ROLES_BY_KIND[conversation.kind].filter((r) => r !== 'owner').join(' or ')}`,
        ),
      );
    // Straight into the admin role (with every right) only from the owner; an admin with addAdmins appoints
    // through ChangeParticipantRole, which holds the rights they may give to their own.
    if (role === 'admin' && actor.role !== 'owner')
      return err(forbidden('not_allowed', 'only the owner may add someone as an admin'));
    const user = await this.deps.users.findById(input.userId);
    if (!isActiveUser(user)) return err(notFound('user'));
    const refused =
      (await refuseBlockedAdds(this.deps.blocks, input.actorId, [input.userId])) ??
      (await refusePrivateAdds(this.deps, input.actorId, [user]));
    if (refused) return err(refused);
    return admit(this.deps, conversation, { actorId: input.actorId, userId: input.userId, role });
  }
}
