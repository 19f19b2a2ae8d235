import { banHolds, type ConversationBan } from '../domain/ban.js';
import { forbidden, type Forbidden } from '../../../shared/errors.js';
import type { Clock } from '../../../shared/ports/clock.port.js';
import type { ConversationBanStore } from '../ports/ban-store.port.js';

export type BanDeps = { conversationBans: ConversationBanStore; clock: Clock };

const ending = (ban: ConversationBan) => (ban.until ? ` until ${ban.until.toISOString()}` : '');

/** The one refusal of a ban, the same code wherever someone banned tries to come in or is brought in. */
export const bannedRefusal = (ban: ConversationBan, self: boolean): Forbidden =>
  forbidden(
    'banned_from_conversation',
    self
      ? `an admin banned you from this conversation${ending(ban)}`
      : `this person is banned from this conversation${ending(ban)}; lift the ban first`,
  );

/** The ban holding `userId` out of the conversation now, or null. */
export async function activeBan(
  deps: BanDeps,
  conversationId: string,
  userId: string,
): Promise<ConversationBan | null> {
  const ban = await deps.conversationBans.find(conversationId, userId);
  return banHolds(ban, deps.clock.now()) ? ban : null;
}

/** A refusal if `userId` is banned from the conversation (worded for them when they are the actor), else null. */
export async function refuseBanned(
  deps: BanDeps,
  conversationId: string,
  userId: string,
  actorId: string,
): Promise<Forbidden | null> {
  const ban = await activeBan(deps, conversationId, userId);
  return ban ? bannedRefusal(ban, userId === actorId) : null;
}
