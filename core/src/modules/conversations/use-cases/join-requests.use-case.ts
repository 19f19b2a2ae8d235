import type { JoinRequest } from '../domain/invite.js';
import { defaultRole, type Participant } from '../domain/participant.js';
import { isActiveUser } from '../../identity/index.js';
import { conflict, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { admit, type AdmitDeps } from '../policies/admit.js';
import { authorize } from '../policies/membership.js';

type Deps = AdmitDeps & Pick<Ports, 'invites' | 'conversations' | 'participants' | 'users'>;

/** Pending join requests of a conversation, the oldest first (owners and admins). */
export class ListJoinRequests {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; conversationId: string }): Promise<Result<JoinRequest[], DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'invite.manage');
    if (!access.ok) return access;
    return ok(await this.deps.invites.listRequests(input.conversationId));
  }
}

/**
 * An owner or admin approves a join request (the person joins, counted as a use of the link they came
 * by) or declines it. A request is decided once, however many admins act at once.
 */
export class DecideJoinRequest {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
    approve: boolean;
  }): Promise<Result<Participant | null, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'invite.manage');
    if (!access.ok) return access;
    const request = await this.deps.invites.takeRequest(input.conversationId, input.userId);
    if (!request) return err(notFound('join_request'));
    if (!input.approve) return ok(null);
    if (!isActiveUser(await this.deps.users.findById(input.userId))) return err(notFound('user'));
    const link = await this.deps.invites.findByCode(request.code);
    const claim = await this.deps.invites.claimUse(
      {
        code: request.code,
        conversationId: input.conversationId,
        userId: input.userId,
        joinedAt: this.deps.clock.now(),
      },
      link?.usageLimit ?? null,
    );
    if (claim === 'full') return err(conflict('invite_full', 'the invite link this request came by has been used up'));
    const { conversation } = access.value;
    return admit(this.deps, conversation, {
      actorId: input.actorId,
      userId: input.userId,
      role: defaultRole(conversation.kind),
      inviteCode: request.code,
    });
  }
}
