import { inviteState, MAX_INVITE_USAGE_LIMIT, MAX_LIVE_INVITES, type InviteLink } from '../domain/invite.js';
import { conflict, invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { authorize } from '../policies/membership.js';
import type { InviteView } from './list-invites.use-case.js';

export interface CreateInviteInput {
  actorId: string;
  conversationId: string;
  name?: unknown;
  expiresAt?: unknown;
  usageLimit?: unknown;
  requiresApproval?: unknown;
}

/** Owners and admins of a group or channel create an invite link: optional expiry, usage limit and approval. */
export class CreateInvite {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'invites' | 'ids' | 'clock'>) {}

  async execute(input: CreateInviteInput): Promise<Result<InviteView, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'invite.manage');
    if (!access.ok) return access;
    const now = this.deps.clock.now();
    const issues = new Issues();
    const name = issues.text('name', input.name ?? undefined, { min: 1, max: 64 });
    let expiresAt: Date | null = null;
    if (input.expiresAt !== undefined && input.expiresAt !== null) {
      expiresAt = new Date(String(input.expiresAt));
      if (Number.isNaN(expiresAt.getTime())) issues.add('expiresAt', 'must be a time');
    }
    const limit = input.usageLimit ?? null;
    if (
      limit !== null &&
      !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 1 && limit <= MAX_INVITE_USAGE_LIMIT)
    )
      issues.add('usageLimit', `must be a whole number from 1 to ${MAX_INVITE_USAGE_LIMIT}, or null`);
    if (input.requiresApproval !== undefined && typeof input.requiresApproval !== 'boolean')
      issues.add('requiresApproval', 'must be true or false');
    if (!issues.empty) return err(invalid(issues.list));
    // A well-formed time that has passed is a conflict with the clock, not a malformed request.
    if (expiresAt && expiresAt <= now) return err(conflict('expires_at_passed', 'expiresAt must be in the future'));
    const live = (await this.deps.invites.list(input.conversationId)).filter(
      (l) => inviteState(l, 0, now) === 'active',
    );
    if (live.length >= MAX_LIVE_INVITES)
      return err(
        conflict(
          'invite_limit_reached',
          `a conversation has at most ${MAX_LIVE_INVITES} live invite links; revoke one first`,
        ),
      );
    const link: InviteLink = {
      code: this.newCode(),
      conversationId: input.conversationId,
      createdBy: input.actorId,
      name: name ?? null,
      expiresAt,
      usageLimit: limit as number | null,
      requiresApproval: input.requiresApproval === true,
      createdAt: now,
      revokedAt: null,
      revokedBy: null,
    };
    await this.deps.invites.create(link);
    return ok({ ...link, useCount: 0, state: 'active' });
  }

  /**
   * An unguessable code that does not start with '-': a command line would take such a code for an option
   * (`parley invites revoke <conversation> -Tg...` failed one time in 64). About one draw in 64 is drawn again.
   */
  private newCode(): string {
    for (;;) {
      const code = this.deps.ids.secret();
      if (!code.startsWith('-')) return code;
    }
  }
}
