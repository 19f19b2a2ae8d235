import type { PresenceStatus } from '../../identity/index.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { presenceOf } from '../policies/presence.js';

export interface PresenceView {
  userId: string;
  status: PresenceStatus;
  lastSeenAt: Date | null;
}

/** Current status and last-seen of up to 200 users. */
export class GetPresence {
  constructor(private readonly deps: Pick<Ports, 'presence' | 'users' | 'clock'>) {}

  async execute(input: { userIds: readonly string[] }): Promise<Result<PresenceView[], DomainError>> {
    if (input.userIds.length > 200) return err(invalid('userIds', 'must list at most 200 users'));
    const [states, users] = await Promise.all([
      this.deps.presence.get(input.userIds, this.deps.clock.now()),
      this.deps.users.findManyByIds(input.userIds),
    ]);
    return ok(
      users.map((user) => ({
        userId: user.id,
        status: presenceOf(states.find((s) => s.userId === user.id)),
        lastSeenAt: user.lastSeenAt,
      })),
    );
  }
}
