import { forbidden, type Forbidden } from '../../../shared/errors.js';
import type { Ports } from '../../../ports.js';
import { passes, privacyOf, type PrivacySetting } from '../domain/privacy.js';
import type { User } from '../domain/user.js';

export type PrivacyDeps = Pick<Ports, 'participants'>;

/** Whether the two people are both active in some conversation (of any kind). */
export async function shareAConversation(deps: PrivacyDeps, a: string, b: string): Promise<boolean> {
  const [mine, theirs] = await Promise.all([
    deps.participants.listByUser(a, { state: 'active' }),
    deps.participants.listByUser(b, { state: 'active' }),
  ]);
  const ids = new Set(mine.map((p) => p.conversationId));
  return theirs.some((p) => ids.has(p.conversationId));
}

/** Whether `viewerId` may do what `setting` governs to `owner` (to oneself, always). */
export async function permitted(
  deps: PrivacyDeps,
  owner: Pick<User, 'id' | 'privacy'>,
  setting: PrivacySetting,
  viewerId: string,
): Promise<boolean> {
  if (owner.id === viewerId) return true;
  return passes(privacyOf(owner)[setting], viewerId, () => shareAConversation(deps, owner.id, viewerId));
}

const REFUSALS: Partial<Record<PrivacySetting, string>> = {
  directMessages: 'this person does not accept direct messages from you',
  groupAdds: 'this person does not let you add them; send them an invite link instead',
};

/** The refusal when someone's privacy settings keep the actor from doing this to them. */
export const privacyRefusal = (setting: PrivacySetting): Forbidden =>
  forbidden('privacy_restricted', REFUSALS[setting] ?? 'this person’s privacy settings do not allow it');

/** A refusal if any of `users` keeps the actor from adding them (groupAdds), else null. */
export async function refusePrivateAdds(
  deps: PrivacyDeps,
  actorId: string,
  users: readonly Pick<User, 'id' | 'privacy'>[],
): Promise<Forbidden | null> {
  for (const user of users)
    if (!(await permitted(deps, user, 'groupAdds', actorId))) return privacyRefusal('groupAdds');
  return null;
}
