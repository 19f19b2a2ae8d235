import { isActiveUser, type User } from '../domain/user.js';
import { forbidden, unauthenticated, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CorePorts } from '../../../ports.js';

export interface Principal {
  user: User;
  sessionId: string;
  expiresAt: Date;
}

/** How stale a session's lastActiveAt may get while its access tokens are in use. */
const ACTIVITY_MS = 60_000;
/** Sessions this process touched lately: enough that a busy node does not grow without end. */
const TOUCHED_MAX = 50_000;

const revoked = () => err(unauthenticated('session_revoked', 'this session has ended; sign in again'));

/**
 * Turns a bearer token into the acting user. A signature is not enough: the token's session must still be
 * live (not logged out, not revoked by refresh-token reuse, ban, erasure or password change) and the
 * account neither banned nor erased. Both come from the AccessView, which every revocation invalidates
 * on every node, so a revoked token stops working within the publisher's delivery time (the cache's TTL
 * if an invalidation is lost).
 */
export class AuthenticateAccessToken {
  /** Session id -> when this process last recorded its activity. */
  private readonly touched = new Map<string, number>();

  constructor(private readonly deps: Pick<CorePorts, 'tokens' | 'clock' | 'access' | 'sessions' | 'logger'>) {}

  async execute(token: string | undefined): Promise<Result<Principal, DomainError>> {
    if (!token) return err(unauthenticated('missing_token', 'an access token is required'));
    const claims = await this.deps.tokens.verifyAccessToken(token);
    if (!claims) return err(unauthenticated('invalid_token', 'access token is invalid or expired'));
    return this.check(claims.userId, claims.sessionId, claims.expiresAt);
  }

  /**
   * Checks again an admission still in use (an open socket) after its account or session changed. Takes
   * only the ids, so a long-lived holder need not keep the whole user.
   */
  async recheck(admitted: {
    userId: string;
    sessionId: string;
    expiresAt: Date;
  }): Promise<Result<Principal, DomainError>> {
    return this.check(admitted.userId, admitted.sessionId, admitted.expiresAt);
  }

  private async check(userId: string, sessionId: string, expiresAt: Date): Promise<Result<Principal, DomainError>> {
    const [user, session] = await Promise.all([this.deps.access.user(userId), this.deps.access.session(sessionId)]);
    if (!user || user.erasedAt) return err(unauthenticated('invalid_token', 'access token is invalid or expired'));
    if (!session || session.userId !== userId || session.revokedAt) return revoked();
    if (session.expiresAt <= this.deps.clock.now()) return revoked();
    if (!isActiveUser(user)) return err(forbidden('banned', 'this account is banned'));
    this.active(sessionId, session.lastActiveAt);
    return ok({ user: user as User, sessionId, expiresAt });
  }

  /**
   * Records that the session is in use, at most once a minute per session and process, in the background: the
   * sessions list shows when each device was last active without a write per request.
   */
  private active(sessionId: string, stored: Date): void {
    const now = this.deps.clock.now().getTime();
    const last = Math.max(stored.getTime(), this.touched.get(sessionId) ?? 0);
    if (now - last < ACTIVITY_MS) return;
    if (this.touched.size >= TOUCHED_MAX) this.touched.clear();
    this.touched.set(sessionId, now);
    this.deps.sessions.touch(sessionId, new Date(now)).catch((error: unknown) => {
      this.deps.logger.warn('session activity not recorded', { sessionId, error: String(error) });
    });
  }
}
