import { ok, type Result } from '../../../shared/result.js';
import type { DomainError } from '../../../shared/errors.js';
import type { Ports } from '../../../ports.js';

/** Revokes the refresh-token family of the current session, and forgets its device's push target; idempotent. */
export class LogOut {
  constructor(private readonly deps: Pick<Ports, 'sessions' | 'pushTargets' | 'clock'>) {}

  async execute(input: { sessionId: string }): Promise<Result<void, DomainError>> {
    await this.deps.sessions.revoke(input.sessionId, this.deps.clock.now());
    await this.deps.pushTargets.removeForSession(input.sessionId);
    return ok(undefined);
  }
}
