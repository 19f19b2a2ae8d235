import { normalizeEmail, normalizeUsername } from '../domain/user.js';
import { forbidden, unauthenticated, type DomainError } from '../shared/errors.js';
import { err, ok, type Result } from '../shared/result.js';
import type { Ports } from '../ports/index.js';
import { startSession, type AuthTokens } from './shared/sessions.js';

/** Spent on unknown logins too, so response time does not reveal which accounts exist. */
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.2sVhDbJN2xwQTbYkmMIQM3qJ6W1a';

/** Signs in with email or username and password; a banned account is refused. */
export class LogIn {
  constructor(private readonly deps: Pick<Ports, 'users' | 'hasher' | 'sessions' | 'tokens' | 'clock' | 'ids'>) {}

  async execute(input: { login?: unknown; password?: unknown }): Promise<Result<AuthTokens, DomainError>> {
    const failed = err(unauthenticated('invalid_credentials', 'login or password is wrong'));
    if (typeof input.login !== 'string' || typeof input.password !== 'string' || !input.login.trim()) return failed;
    const login = input.login.trim();
    const user = login.includes('@')
      ? await this.deps.users.findByEmail(normalizeEmail(login))
      : await this.deps.users.findByUsername(normalizeUsername(login));
    const matches = await this.deps.hasher.verify(input.password, user?.passwordHash || DUMMY_HASH);
    if (!user || !matches || user.erasedAt) return failed;
    if (user.bannedAt) return err(forbidden('banned', 'this account is banned'));
    return ok(await startSession(this.deps, user));
  }
}
