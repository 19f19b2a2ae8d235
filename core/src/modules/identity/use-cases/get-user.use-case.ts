import { toPrivateUser, toPublicUser, type PrivateUser, type PresenceStatus, type PublicUser } from '../domain/user.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { presenceOf } from '../domain/presence.js';
import { permitted } from '../policies/privacy.js';

export type UserProfile = (PublicUser | PrivateUser) & { status: PresenceStatus };

/** A user's profile with presence; the user themselves also gets their private fields. */
export class GetUser {
  constructor(private readonly deps: Pick<Ports, 'users' | 'presence' | 'blocks' | 'participants' | 'clock'>) {}

  async execute(input: { actorId: string; userId: string }): Promise<Result<UserProfile, DomainError>> {
    const user = await this.deps.users.findById(input.userId);
    if (!user) return err(notFound('user'));
    const [[state], blockers] = await Promise.all([
      this.deps.presence.get([user.id], this.deps.clock.now()),
      input.actorId === user.id ? [] : this.deps.blocks.blockersOf(input.actorId, [user.id]),
    ]);
    const profile = input.actorId === user.id ? toPrivateUser(user) : toPublicUser(user);
    // Someone who blocked the viewer, or hides their last seen from them, shows neither online status nor last seen.
    if (blockers.length > 0 || !(await permitted(this.deps, user, 'lastSeen', input.actorId)))
      return ok({ ...profile, lastSeenAt: null, status: 'offline' });
    return ok({ ...profile, status: presenceOf(state) });
  }
}
