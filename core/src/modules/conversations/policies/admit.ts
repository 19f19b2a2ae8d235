import type { Conversation } from '../domain/conversation.js';
import { newParticipant, type Participant, type ParticipantRole } from '../domain/participant.js';
import { conflict, type Conflict, type Forbidden } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { notifyUser, recordEvent, type EventDeps } from '../../delivery/index.js';
import { refuseBanned } from './bans.js';
import { botMemberStatus, tellBotOfMembership, type BotMembershipDeps } from '../../bots/index.js';

export type AdmitDeps = EventDeps & BotMembershipDeps & Pick<Ports, 'participants' | 'conversationBans'>;

/**
 * Makes the user an active participant (or active again) within the member limit, records
 * participant.added (by `actorId`: an admin adding them, or the user joining) and tells the user's devices.
 * Whether the actor may do this is the caller's business; a ban on the user holds here, whoever lets them in.
 */
export async function admit(
  deps: AdmitDeps,
  conversation: Conversation,
  input: { actorId: string; userId: string; role: ParticipantRole; inviteCode?: string },
): Promise<Result<Participant, Conflict | Forbidden>> {
  const banned = await refuseBanned(deps, conversation.id, input.userId, input.actorId);
  if (banned) return err(banned);
  if (
    conversation.memberLimit !== null &&
    (await deps.participants.countActive(conversation.id)) >= conversation.memberLimit
  )
    return err(
      conflict('member_limit_reached', `this ${conversation.kind} is full (${conversation.memberLimit} members)`),
    );
  const row = newParticipant(conversation.id, input.userId, input.role, deps.clock.now());
  const outcome = await deps.participants.add(row);
  if (outcome === 'exists') return err(conflict('already_member', 'the user is already a participant'));
  if (outcome === 'rejoined') await deps.participants.update(conversation.id, input.userId, { role: input.role });
  const stored = (await deps.participants.find(conversation.id, input.userId)) ?? row;
  await recordEvent(deps, conversation.id, input.actorId, {
    type: 'participant.added',
    userId: input.userId,
    role: input.role,
    ...(input.inviteCode ? { inviteCode: input.inviteCode } : {}),
  });
  await tellBotOfMembership(deps, {
    conversationId: conversation.id,
    userId: input.userId,
    actorId: input.actorId,
    from: 'left',
    to: botMemberStatus(input.role),
  });
  await notifyUser(deps, input.userId, {
    type: 'conversation.joined',
    conversationId: conversation.id,
    participant: stored,
  });
  return ok(stored);
}
