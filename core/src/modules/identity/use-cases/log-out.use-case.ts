import { ok, type Result } from '../../../shared/result.js';
import type { DomainError } from '../../../shared/errors.js';
import type { Ports } from '../../../ports.js';

/** Revokes the refresh-token family of the current session; idempotent. */
export class LogOut {
  constructor(private readonly deps: Pick<Ports, 'sessions' | 'clock'>) {}

  async execute(input: { sessionId: string }): Promise<Result<void, DomainError>> {
    await this.deps.sessions.revoke(input.sessionId, this.deps.clock.now());
    return ok(undefined);
  }
}
