import { forbidden, unauthenticated, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { RequestOrigin } from '../domain/session.js';
import { issueTokens, splitRefreshToken, type AuthTokens } from '../policies/sessions.js';

/**
 * Rotates a refresh token (RFC 9700): the presented secret is spent and a new one issued. Presenting a
 * secret that was already rotated away is treated as theft: the whole family is revoked.
 */
export class RefreshSession {
  constructor(private readonly deps: Pick<Ports, 'users' | 'sessions' | 'tokens' | 'clock' | 'ids' | 'logger'>) {}

  async execute(input: { refreshToken?: unknown; origin?: RequestOrigin }): Promise<Result<AuthTokens, DomainError>> {
    const invalid = err(unauthenticated('invalid_refresh_token', 'refresh token is invalid or expired'));
    if (typeof input.refreshToken !== 'string') return invalid;
    const parts = splitRefreshToken(input.refreshToken);
    if (!parts) return invalid;
    const hash = this.deps.tokens.hashRefreshSecret(parts.secret);
    const found = await this.deps.sessions.findByTokenHash(hash);
    const now = this.deps.clock.now();
    if (!found || found.session.id !== parts.sessionId) return invalid;
    const { session, current } = found;
    if (!current) {
      await this.deps.sessions.revoke(session.id, now);
      this.deps.logger.warn('refresh token reuse; family revoked', { sessionId: session.id, userId: session.userId });
      return err(unauthenticated('refresh_token_reused', 'refresh token was already used; please sign in again'));
    }
    if (session.revokedAt || session.expiresAt <= now) return invalid;
    const user = await this.deps.users.findById(session.userId);
    if (!user || user.erasedAt) return invalid;
    if (user.bannedAt) return err(forbidden('banned', 'this account is banned'));
    const secret = this.deps.tokens.newRefreshSecret();
    const expiresAt = new Date(now.getTime() + this.deps.tokens.refreshTtlSeconds * 1000);
    const rotated = await this.deps.sessions.rotate(
      session.id,
      hash,
      this.deps.tokens.hashRefreshSecret(secret),
      now,
      expiresAt,
    );
    if (!rotated) {
      // Lost a race with another refresh of the same secret: that is reuse too.
      await this.deps.sessions.revoke(session.id, now);
      return err(unauthenticated('refresh_token_reused', 'refresh token was already used; please sign in again'));
    }
    const ip = input.origin?.ip?.slice(0, 64);
    if (ip && ip !== session.device.ip) await this.deps.sessions.touch(session.id, now, ip);
    return ok(await issueTokens(this.deps, user, session.id, secret));
  }
}
