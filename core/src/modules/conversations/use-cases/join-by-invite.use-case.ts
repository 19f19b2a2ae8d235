import { isLive, type Conversation, type ConversationKind } from '../domain/conversation.js';
import { inviteState, type InviteLink, type InviteState } from '../domain/invite.js';
import { defaultRole, type Participant } from '../domain/participant.js';
import { conflict, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { admit, type AdmitDeps } from '../policies/admit.js';
import { refuseBanned } from '../policies/bans.js';

export type JoinResult = { status: 'joined'; participant: Participant } | { status: 'requested'; participant: null };

export interface InvitePreview {
  code: string;
  state: InviteState;
  requiresApproval: boolean;
  conversation: {
    id: string;
    kind: ConversationKind;
    name: string | null;
    description: string | null;
    avatarMediaId: string | null;
    memberCount: number;
  };
}

type Deps = AdmitDeps & Pick<Ports, 'invites' | 'conversations' | 'participants'>;

async function usableLink(
  deps: Deps,
  code: string,
): Promise<Result<{ link: InviteLink; conversation: Conversation; state: InviteState }, DomainError>> {
  const link = await deps.invites.findByCode(code);
  const conversation = link ? await deps.conversations.findById(link.conversationId) : null;
  if (!link || !isLive(conversation)) return err(notFound('invite'));
  const uses = (await deps.invites.countUses([code])).get(code) ?? 0;
  return ok({ link, conversation, state: inviteState(link, uses, deps.clock.now()) });
}

/** What a link leads to, for anyone signed in who has it: the conversation's name, kind and size. */
export class PreviewInvite {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; code: string }): Promise<Result<InvitePreview, DomainError>> {
    const found = await usableLink(this.deps, input.code);
    if (!found.ok) return found;
    const { link, conversation, state } = found.value;
    return ok({
      code: link.code,
      state,
      requiresApproval: link.requiresApproval,
      conversation: {
        id: conversation.id,
        kind: conversation.kind,
        name: conversation.name,
        description: conversation.description,
        avatarMediaId: conversation.avatarMediaId,
        memberCount: await this.deps.participants.countActive(conversation.id),
      },
    });
  }
}

/**
 * Joins through a link: at once, or (links that require approval) as a join request the admins decide.
 * A link that is revoked or expired answers invite_expired, one used up invite_full; the usage limit holds
 * however many join at once (the store's claim). Someone who joined through the link before and left may
 * come back through it without using it up again.
 */
export class JoinByInvite {
  constructor(private readonly deps: Deps) {}

  async execute(input: { actorId: string; code: string }): Promise<Result<JoinResult, DomainError>> {
    const found = await usableLink(this.deps, input.code);
    if (!found.ok) return found;
    const { link, conversation, state } = found.value;
    if ((await this.deps.participants.find(conversation.id, input.actorId))?.state === 'active')
      return err(conflict('already_member', 'you are already a member'));
    if (state === 'revoked' || state === 'expired')
      return err(conflict('invite_expired', 'this invite link has expired or was revoked'));
    // Before a request is filed or a use claimed: a banned person neither asks nor uses the link up.
    const banned = await refuseBanned(this.deps, conversation.id, input.actorId, input.actorId);
    if (banned) return err(banned);
    const now = this.deps.clock.now();
    if (link.requiresApproval) {
      await this.deps.invites.addRequest({
        conversationId: conversation.id,
        userId: input.actorId,
        code: link.code,
        requestedAt: now,
      });
      return ok({ status: 'requested', participant: null });
    }
    const claim = await this.deps.invites.claimUse(
      { code: link.code, conversationId: conversation.id, userId: input.actorId, joinedAt: now },
      link.usageLimit,
    );
    if (claim === 'full') return err(conflict('invite_full', 'this invite link has been used up'));
    const joined = await admit(this.deps, conversation, {
      actorId: input.actorId,
      userId: input.actorId,
      role: defaultRole(conversation.kind),
      inviteCode: link.code,
    });
    return joined.ok ? ok({ status: 'joined', participant: joined.value }) : joined;
  }
}
