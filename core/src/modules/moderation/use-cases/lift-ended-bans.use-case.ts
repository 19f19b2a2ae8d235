import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';

/**
 * The sweep that lifts temporary platform bans whose end has passed (every second in each process that runs
 * jobs), so the account is ordinary again for everyone, not only once its owner signs in (LogIn lifts an
 * ended ban too). Not audited: the end was set, and audited, with the ban.
 */
export class LiftEndedBans {
  constructor(private readonly deps: Pick<Ports, 'users' | 'clock'>) {}

  async execute(input: { limit?: number } = {}): Promise<Result<{ lifted: number }, DomainError>> {
    const now = this.deps.clock.now();
    const ended = await this.deps.users.list({ limit: input.limit ?? 100, banEndedBy: now });
    for (const user of ended)
      await this.deps.users.update(user.id, { bannedAt: null, banReason: null, bannedUntil: null, updatedAt: now });
    return ok({ lifted: ended.length });
  }
}
