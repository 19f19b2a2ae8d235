import { inviteState, type InviteLink, type InviteState, type InviteUse } from '../domain/invite.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { authorizeOrStaff } from '../policies/membership.js';

export interface InviteView extends InviteLink {
  useCount: number;
  state: InviteState;
}

type Deps = Pick<Ports, 'conversations' | 'participants' | 'invites' | 'users' | 'clock'>;

export async function toInviteViews(
  deps: Pick<Ports, 'invites' | 'clock'>,
  links: InviteLink[],
): Promise<InviteView[]> {
  const counts = await deps.invites.countUses(links.map((l) => l.code));
  const now = deps.clock.now();
  return links.map((link) => {
    const useCount = counts.get(link.code) ?? 0;
    return { ...link, useCount, state: inviteState(link, useCount, now) };
  });
}

/** Owners and admins of the conversation, or (asStaff) platform moderators, whatever the conversation. */
export const authorizeInviteAdmin = (
  deps: Deps,
  input: { actorId: string; conversationId: string; asStaff?: boolean },
) => authorizeOrStaff(deps, input, 'invite.manage');

/** A conversation's invite links, the newest first, with how often each was used and whether it still works. */
export class ListInvites {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    asStaff?: boolean;
  }): Promise<Result<InviteView[], DomainError>> {
    const allowed = await authorizeInviteAdmin(this.deps, input);
    if (!allowed.ok) return allowed;
    return ok(await toInviteViews(this.deps, await this.deps.invites.list(input.conversationId)));
  }
}

/** Who joined through one link and when, the most recent first: the admins' audit of a link. */
export class ListInviteUses {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    code: string;
    limit?: number;
    asStaff?: boolean;
  }): Promise<Result<InviteUse[], DomainError>> {
    const allowed = await authorizeInviteAdmin(this.deps, input);
    if (!allowed.ok) return allowed;
    const link = await this.deps.invites.findByCode(input.code);
    if (!link || link.conversationId !== input.conversationId) return err(notFound('invite'));
    return ok(await this.deps.invites.listUses(input.code, clampLimit(input.limit, 100, 1000)));
  }
}
