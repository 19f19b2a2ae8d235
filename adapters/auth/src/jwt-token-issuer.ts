import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LRUCache } from 'lru-cache';
import type { AccessClaims, Clock, PlatformRole, TokenIssuer } from '@parley/core';

export interface JwtOptions {
  /** HMAC key (HS256); at least 32 bytes. */
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
}

const ALGORITHM = 'HS256';

type Verified = AccessClaims & { expiresAt: Date };

/**
 * Access tokens as JWTs with one pinned algorithm, issuer and audience checked on every verify (so
 * `alg: none`, a different algorithm or a foreign token never passes). Refresh secrets are opaque random
 * strings, stored only as SHA-256 hashes.
 */
export class JwtTokenIssuer implements TokenIssuer {
  readonly refreshTtlSeconds: number;
  private readonly accessTtlSeconds: number;
  /** Made once: jsonwebtoken would otherwise build a key object from the string on every call. */
  private readonly key: KeyObject;
  /**
   * Tokens this issuer has verified, so a client's every request does not redo the HMAC and the checks:
   * a token string that verified once verifies again until it expires (checked on every hit, with the
   * clock). Revocation is not this cache's business: the session is checked per request elsewhere.
   */
  private readonly verified = new LRUCache<string, Verified>({ max: 50_000 });

  constructor(
    private readonly options: JwtOptions,
    private readonly clock: Clock,
  ) {
    if (Buffer.byteLength(options.secret) < 32) throw new Error('JWT secret must be at least 32 bytes');
    this.accessTtlSeconds = options.accessTtlSeconds ?? 900;
    this.refreshTtlSeconds = options.refreshTtlSeconds ?? 30 * 24 * 3600;
    this.key = createSecretKey(Buffer.from(options.secret));
  }

  async issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const token = jwt.sign(
      { role: claims.role, sid: claims.sessionId, iat, exp: iat + this.accessTtlSeconds },
      this.key,
      { algorithm: ALGORITHM, subject: claims.userId, issuer: this.options.issuer, audience: this.options.audience },
    );
    return { token, expiresIn: this.accessTtlSeconds };
  }

  async verifyAccessToken(token: string): Promise<Verified | null> {
    const known = this.verified.get(token);
    if (known) return known.expiresAt.getTime() > this.clock.now().getTime() ? known : null;
    try {
      const payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.options.issuer,
        audience: this.options.audience,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      if (
        typeof payload === 'string' ||
        !payload.sub ||
        typeof payload.sid !== 'string' ||
        typeof payload.exp !== 'number'
      )
        return null;
      const claims: Verified = {
        userId: payload.sub,
        role: payload.role as PlatformRole,
        sessionId: payload.sid,
        expiresAt: new Date(payload.exp * 1000),
      };
      this.verified.set(token, Object.freeze(claims));
      return claims;
    } catch {
      return null;
    }
  }

  newRefreshSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  hashRefreshSecret(secret: string): string {
    return createHash('sha256').update(secret).digest('base64url');
  }
}
