import { banEnded, normalizeLogin, type User } from '../domain/user.js';
import { forbidden, invalid, unauthenticated, type DomainError } from '../../../shared/errors.js';
import { Issues } from '../../../shared/validate.js';
import { readDevice, type RequestOrigin, type SessionDevice } from '../domain/session.js';
import { ACCOUNT_TOKEN_TTL_MS } from '../domain/account-token.js';
import type { TwoFactorChallenge } from '../domain/two-factor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import type { CoreConfig } from '../../../shared/config.js';
import { startSession, type AuthTokens } from '../policies/sessions.js';

/** Spent on unknown logins too, so response time does not reveal which accounts exist. */
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.2sVhDbJN2xwQTbYkmMIQM3qJ6W1a';

/**
 * Signs in with email or username and password; a banned account is refused (a temporary ban whose end has
 * passed is lifted here: every session ended with the ban, so signing in is the way back).
 */
export class LogIn {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'hasher' | 'sessions' | 'tokens' | 'clock' | 'ids' | 'twoFactor' | 'accountTokens'
    >,
    private readonly config: Pick<CoreConfig, 'requireEmailVerification'> = { requireEmailVerification: false },
  ) {}

  async execute(input: {
    login?: unknown;
    password?: unknown;
    device?: unknown;
    origin?: RequestOrigin;
  }): Promise<Result<AuthTokens | TwoFactorChallenge, DomainError>> {
    const failed = err(unauthenticated('invalid_credentials', 'login or password is wrong'));
    const issues = new Issues();
    const device = readDevice(issues, input.device, input.origin);
    if (!issues.empty) return err(invalid(issues.list));
    if (typeof input.login !== 'string' || typeof input.password !== 'string' || !normalizeLogin(input.login))
      return failed;
    const user = await this.find(input.login);
    const matches = await this.deps.hasher.verify(input.password, user?.passwordHash || DUMMY_HASH);
    // A bot never signs in (its password is a random secret nobody holds; its token is for the Bot API).
    if (!user || !matches || user.erasedAt || user.isBot) return failed;
    const active = await liftEndedBan(this.deps, user);
    if (active.bannedAt) return err(forbidden('banned', bannedMessage(active)));
    // Told only to someone who knows the password, so it reveals nothing about the address.
    if (this.config.requireEmailVerification && !active.emailVerifiedAt)
      return err(forbidden('email_not_verified', 'follow the link e-mailed to you first (or ask for a new one)'));
    if ((await this.deps.twoFactor.get(active.id))?.enabledAt) return ok(await this.challenge(active, device));
    return ok(await startSession(this.deps, active, device));
  }

  /** The password was right and the account has a second factor: a single-use challenge, no session yet. */
  private async challenge(user: User, device: SessionDevice): Promise<TwoFactorChallenge> {
    const now = this.deps.clock.now();
    const secret = this.deps.tokens.newRefreshSecret();
    const expiresAt = new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS.sign_in_challenge);
    await this.deps.accountTokens.create({
      id: this.deps.tokens.hashRefreshSecret(secret),
      kind: 'sign_in_challenge',
      userId: user.id,
      email: user.email,
      createdAt: now,
      expiresAt,
      device,
    });
    return { twoFactorRequired: true, challenge: secret, expiresAt };
  }

  /**
   * The one key for every spelling of an account's login (email or username, any case, padding or
   * Unicode form): the account's id when it exists, else the normalized login. Brute-force counters use it.
   */
  async accountKey(login: string): Promise<string> {
    const user = await this.find(login);
    return user ? `user:${user.id}` : `login:${normalizeLogin(login)}`;
  }

  private async find(login: string): Promise<User | null> {
    const normalized = normalizeLogin(login);
    if (!normalized) return null;
    return normalized.includes('@')
      ? this.deps.users.findByEmail(normalized)
      : this.deps.users.findByUsername(normalized);
  }
}

/** The user with a ban that has run out lifted (stored), or as they are. */
export async function liftEndedBan(deps: Pick<Ports, 'users' | 'clock'>, user: User): Promise<User> {
  const now = deps.clock.now();
  if (!banEnded(user, now)) return user;
  return (
    (await deps.users.update(user.id, { bannedAt: null, banReason: null, bannedUntil: null, updatedAt: now })) ?? user
  );
}

/** "this account is banned", with until when for a temporary ban. */
export const bannedMessage = (user: Pick<User, 'bannedUntil'>): string =>
  `this account is banned${user.bannedUntil ? ` until ${user.bannedUntil.toISOString()}` : ''}`;
