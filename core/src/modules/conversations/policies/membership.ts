import { isLive, type Conversation } from '../domain/conversation.js';
import type { Participant } from '../domain/participant.js';
import { can, refusal, shutStops, type Action } from '../domain/policy.js';
import { forbidden, notFound, type DomainError, type Forbidden, type NotFound } from '../../../shared/errors.js';
import { requireStaff } from '../../moderation/index.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { AccessView } from '../ports/access-view.port.js';

export interface Membership {
  conversation: Conversation;
  participant: Participant;
}

/** A live conversation and the user's active row in it; a non-member learns only that it was not found. */
export async function loadMembership(
  deps: Pick<Ports, 'conversations' | 'participants'>,
  conversationId: string,
  userId: string,
): Promise<Result<Membership, NotFound>> {
  const [conversation, participant] = await Promise.all([
    deps.conversations.findById(conversationId),
    deps.participants.find(conversationId, userId),
  ]);
  if (!isLive(conversation) || participant?.state !== 'active') return err(notFound('conversation'));
  return ok({ conversation, participant });
}

/** As loadMembership, then the policy table must allow the action for the user's role. */
export async function authorize(
  deps: Pick<Ports, 'conversations' | 'participants'>,
  conversationId: string,
  userId: string,
  action: Action,
): Promise<Result<Membership, NotFound | Forbidden>> {
  const membership = await loadMembership(deps, conversationId, userId);
  if (!membership.ok) return membership;
  const { conversation, participant } = membership.value;
  if (shutStops(conversation, action))
    return err(forbidden('conversation_shut', 'a moderator shut this conversation: it can be read, not written to'));
  if (!can(conversation, participant, action))
    return err(forbidden('not_allowed', refusal(conversation.kind, participant.role, action)));
  return membership;
}

/** The AccessView as the two stores membership checks read. */
const storesOf = (access: AccessView) =>
  ({
    conversations: { findById: (id: string) => access.conversation(id) },
    participants: { find: (c: string, u: string) => access.participant(c, u) },
  }) as Pick<Ports, 'conversations' | 'participants'>;

/** As authorize, from the AccessView: the send path's membership check without a database read. */
export async function authorizeWith(
  access: AccessView,
  conversationId: string,
  userId: string,
  action: Action,
): Promise<Result<Membership, NotFound | Forbidden>> {
  return authorize(storesOf(access), conversationId, userId, action);
}

/** As loadMembership, from the AccessView (history's check: as fresh as the send path's, without a read). */
export async function loadMembershipWith(
  access: AccessView,
  conversationId: string,
  userId: string,
): Promise<Result<Membership, NotFound>> {
  return loadMembership(storesOf(access), conversationId, userId);
}

/**
 * For moderator views of any conversation: with `asStaff`, the actor must hold the moderator platform
 * role and the conversation exist (deleted ones too); otherwise as `authorize` (or, with no action, as
 * `loadMembership`).
 */
export async function authorizeOrStaff(
  deps: Pick<Ports, 'conversations' | 'participants' | 'users'>,
  input: { actorId: string; conversationId: string; asStaff?: boolean },
  action?: Action,
): Promise<Result<true, DomainError>> {
  if (input.asStaff) {
    const staff = await requireStaff(deps.users, input.actorId);
    if (!staff.ok) return staff;
    return (await deps.conversations.findById(input.conversationId)) ? ok(true) : err(notFound('conversation'));
  }
  const access = action
    ? await authorize(deps, input.conversationId, input.actorId, action)
    : await loadMembership(deps, input.conversationId, input.actorId);
  return access.ok ? ok(true) : access;
}
