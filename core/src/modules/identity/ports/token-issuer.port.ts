import type { PlatformRole } from '../domain/user.js';

export const TokenIssuer = Symbol.for('TokenIssuer');

export interface AccessClaims {
  userId: string;
  role: PlatformRole;
  sessionId: string;
}

export interface TokenIssuer {
  /** A signed, short-lived access token for the claims, and its lifetime in seconds. */
  issueAccessToken(claims: AccessClaims): Promise<{ token: string; expiresIn: number }>;
  /** The claims of a token that is authentic and unexpired, or null; never throws on bad input. */
  verifyAccessToken(token: string): Promise<(AccessClaims & { expiresAt: Date }) | null>;
  /** A fresh unguessable refresh secret. */
  newRefreshSecret(): string;
  /** A deterministic one-way hash of a refresh secret, to store instead of the secret. */
  hashRefreshSecret(secret: string): string;
  /** How long a refresh-token family lives, in seconds. */
  readonly refreshTtlSeconds: number;
}
