import { isActiveUser, type User } from '../domain/user.js';
import { forbidden, unauthenticated, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Ports } from '../ports/index.js';
import type { AccessCache } from '../cache/access-cache.js';

export interface Principal {
  user: User;
  sessionId: string;
  expiresAt: Date;
}

/**
 * Turns a bearer token into the acting user; a banned or erased account is refused even with a valid token.
 * The user comes from the AccessCache: bans and erasures invalidate it on every node.
 */
export class AuthenticateAccessToken {
  constructor(private readonly deps: Pick<Ports, 'tokens'> & { access: Pick<AccessCache, 'user'> }) {}

  async execute(token: string | undefined): Promise<Result<Principal, DomainError>> {
    if (!token) return err(unauthenticated('missing_token', 'an access token is required'));
    const claims = await this.deps.tokens.verifyAccessToken(token);
    if (!claims) return err(unauthenticated('invalid_token', 'access token is invalid or expired'));
    const user = await this.deps.access.user(claims.userId);
    if (!user || user.erasedAt) return err(unauthenticated('invalid_token', 'access token is invalid or expired'));
    if (!isActiveUser(user)) return err(forbidden('banned', 'this account is banned'));
    return ok({ user, sessionId: claims.sessionId, expiresAt: claims.expiresAt });
  }
}
