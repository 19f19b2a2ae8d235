import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { toSessionView, type SessionView } from '../domain/session.js';

/** Who asks: the account, and the session the request came from. */
export interface SessionActor {
  actorId: string;
  sessionId: string;
}

/** Where the account is signed in: every live session, the most recently active first, the caller's marked. */
export class ListSessions {
  constructor(private readonly deps: Pick<Ports, 'sessions' | 'clock'>) {}

  async execute(input: SessionActor): Promise<Result<SessionView[], DomainError>> {
    const sessions = await this.deps.sessions.listActiveForUser(input.actorId, this.deps.clock.now());
    return ok(sessions.map((s) => toSessionView(s, input.sessionId)));
  }
}

/**
 * Ends one of the account's sessions (a lost phone), the caller's own included (that is signing out). Its refresh
 * token stops at once; its access tokens and sockets, on every node, within the revocation's delivery (the
 * AccessView's invalidation). Someone else's session, or one that already ended, is not found. Audited.
 */
export class EndSession {
  constructor(private readonly deps: Pick<Ports, 'sessions' | 'pushTargets' | 'clock' | 'audit' | 'ids'>) {}

  async execute(input: SessionActor & { targetId: string }): Promise<Result<void, DomainError>> {
    const now = this.deps.clock.now();
    const target = await this.deps.sessions.findById(input.targetId);
    if (!target || target.userId !== input.actorId || target.revokedAt || target.expiresAt <= now)
      return err(notFound('session'));
    await this.deps.sessions.revoke(target.id, now);
    await this.deps.pushTargets.removeForSession(target.id);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'session.ended',
      targetType: 'session',
      targetId: target.id,
      ...(target.id === input.sessionId ? { reason: 'signed out here' } : {}),
    });
    return ok(undefined);
  }
}

/** Ends every session of the account but the caller's ("sign out everywhere else"); says how many ended. Audited. */
export class EndOtherSessions {
  constructor(private readonly deps: Pick<Ports, 'sessions' | 'pushTargets' | 'clock' | 'audit' | 'ids'>) {}

  async execute(input: SessionActor): Promise<Result<{ ended: number }, DomainError>> {
    const now = this.deps.clock.now();
    const others = (await this.deps.sessions.listActiveForUser(input.actorId, now)).filter(
      (s) => s.id !== input.sessionId,
    );
    await this.deps.sessions.revokeAllForUser(input.actorId, now, input.sessionId);
    for (const other of others) await this.deps.pushTargets.removeForSession(other.id);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'session.others_ended',
      targetType: 'user',
      targetId: input.actorId,
      data: { ended: others.length },
    });
    return ok({ ended: others.length });
  }
}
