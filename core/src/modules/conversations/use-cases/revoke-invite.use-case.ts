import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { authorizeInviteAdmin, toInviteViews, type InviteView } from './list-invites.use-case.js';

/**
 * Revokes a link for good (people who joined through it stay): owners and admins, or a platform moderator
 * (asStaff) with a reason that goes to the audit log. Revoking twice keeps the first revocation.
 */
export class RevokeInvite {
  constructor(
    private readonly deps: Pick<
      Ports,
      'conversations' | 'participants' | 'invites' | 'users' | 'audit' | 'ids' | 'clock'
    >,
  ) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    code: string;
    asStaff?: boolean;
    reason?: unknown;
  }): Promise<Result<InviteView, DomainError>> {
    const allowed = await authorizeInviteAdmin(this.deps, input);
    if (!allowed.ok) return allowed;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: input.asStaff === true });
    if (!issues.empty) return err(invalid(issues.list));
    const link = await this.deps.invites.findByCode(input.code);
    if (!link || link.conversationId !== input.conversationId) return err(notFound('invite'));
    const revoked = await this.deps.invites.revoke(link.code, input.actorId, this.deps.clock.now());
    if (!revoked) return err(notFound('invite'));
    if (input.asStaff) {
      await audit(this.deps, {
        actorId: input.actorId,
        action: 'invite.revoked',
        targetType: 'invite',
        targetId: link.code,
        reason: reason ?? null,
        data: { conversationId: link.conversationId },
      });
    }
    const [view] = await toInviteViews(this.deps, [revoked]);
    return ok(view!);
  }
}
