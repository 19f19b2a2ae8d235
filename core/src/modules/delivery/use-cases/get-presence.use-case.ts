import { permitted, type PresenceStatus } from '../../identity/index.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { presenceOf } from '../policies/presence.js';

export interface PresenceView {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: Date | null;
}

/**
 * Current status and last-seen of up to 200 users; those who blocked the viewer, or whose `lastSeen` privacy
 * setting leaves the viewer out, show offline, never seen.
 */
export class GetPresence {
  constructor(private readonly deps: Pick<Ports, 'presence' | 'users' | 'blocks' | 'participants' | 'clock'>) {}

  async execute(input: { actorId: string; userIds: readonly string[] }): Promise<Result<PresenceView[], DomainError>> {
    if (input.userIds.length > 200) return err(invalid('userIds', 'must list at most 200 users'));
    const [states, users, blockers] = await Promise.all([
      this.deps.presence.get(input.userIds, this.deps.clock.now()),
      this.deps.users.findManyByIds(input.userIds),
      this.deps.blocks.blockersOf(input.actorId, input.userIds),
    ]);
    const hidden = new Set(blockers);
    // Those whose lastSeen setting leaves the viewer out look offline, never seen (as a block makes them).
    for (const user of users) if (!(await permitted(this.deps, user, 'lastSeen', input.actorId))) hidden.add(user.id);
    return ok(
      users.map((user) =>
        hidden.has(user.id)
          ? { userId: user.id, status: 'offline' as const, lastSeenAt: null }
          : {
              userId: user.id,
              status: presenceOf(states.find((s) => s.userId === user.id)),
              lastSeenAt: user.lastSeenAt,
            },
      ),
    );
  }
}
