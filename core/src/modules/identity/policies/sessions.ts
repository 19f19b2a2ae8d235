import type { RefreshTokenFamily, SessionDevice } from '../domain/session.js';
import { toPrivateUser, type PrivateUser, type User } from '../domain/user.js';
import type { Ports } from '../../../ports.js';

export interface AuthTokens {
  user: PrivateUser;
  accessToken: string;
  /** `<sessionId>.<secret>`: opaque to clients; only the secret's hash is stored. */
  refreshToken: string;
  expiresIn: number;
}

export type SessionDeps = Pick<Ports, 'sessions' | 'tokens' | 'clock' | 'ids'>;

export const splitRefreshToken = (token: string): { sessionId: string; secret: string } | null => {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return null;
  return { sessionId: token.slice(0, dot), secret: token.slice(dot + 1) };
};

/** A new session (refresh-token family) for the user on the device it signed in from, and its first tokens. */
export async function startSession(deps: SessionDeps, user: User, device: SessionDevice): Promise<AuthTokens> {
  const now = deps.clock.now();
  const secret = deps.tokens.newRefreshSecret();
  const session: RefreshTokenFamily = {
    id: deps.ids.next(),
    userId: user.id,
    tokenHash: deps.tokens.hashRefreshSecret(secret),
    device,
    createdAt: now,
    rotatedAt: now,
    lastActiveAt: now,
    expiresAt: new Date(now.getTime() + deps.tokens.refreshTtlSeconds * 1000),
    revokedAt: null,
  };
  await deps.sessions.create(session);
  return issueTokens(deps, user, session.id, secret);
}

export async function issueTokens(
  deps: SessionDeps,
  user: User,
  sessionId: string,
  secret: string,
): Promise<AuthTokens> {
  const access = await deps.tokens.issueAccessToken({ userId: user.id, role: user.role, sessionId });
  return {
    user: toPrivateUser(user),
    accessToken: access.token,
    refreshToken: `${sessionId}.${secret}`,
    expiresIn: access.expiresIn,
  };
}
