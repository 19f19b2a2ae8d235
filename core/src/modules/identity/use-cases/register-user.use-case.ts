import { toPrivateUser, validateRegistration, type PrivateUser, type User } from '../domain/user.js';
import { sendAccountLink, type AccountLinkDeps } from '../policies/account-links.js';
import { conflict, invalid, type DomainError } from '../../../shared/errors.js';
import { Issues } from '../../../shared/validate.js';
import { readDevice, type RequestOrigin } from '../domain/session.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { startSession, type AuthTokens } from '../policies/sessions.js';

export interface RegisterUserInput {
  email?: unknown;
  username?: unknown;
  password?: unknown;
  displayName?: unknown;
  device?: unknown;
  origin?: RequestOrigin;
}

/** A new account that must verify its address before it signs in (config.requireEmailVerification). */
export interface PendingVerification {
  user: PrivateUser;
  verificationRequired: true;
}

/**
 * Creates an account and signs it in. Emails listed in config.adminEmails become platform admins. With
 * config.requireEmailVerification it is not signed in: a verification link is e-mailed instead.
 */
export class RegisterUser {
  constructor(
    private readonly deps: Pick<Ports, 'users' | 'conversations' | 'hasher' | 'sessions' | 'ids'> & AccountLinkDeps,
    private readonly config: Pick<CoreConfig, 'adminEmails' | 'requireEmailVerification'>,
  ) {}

  async execute(input: RegisterUserInput): Promise<Result<AuthTokens | PendingVerification, DomainError>> {
    const fields = validateRegistration(input);
    if (!fields.ok) return fields;
    const issues = new Issues();
    const device = readDevice(issues, input.device, input.origin);
    if (!issues.empty) return err(invalid(issues.list));
    const { email, username, password, displayName } = fields.value;
    // One namespace with public conversations' usernames, so @name means one thing.
    if (await this.deps.conversations.findByUsername(username))
      return err(conflict('username_taken', 'this username is taken'));
    const now = this.deps.clock.now();
    const admins = this.config.adminEmails.map((e) => e.trim().toLowerCase());
    const user: User = {
      id: this.deps.ids.next(),
      email,
      username,
      displayName,
      bio: '',
      avatarMediaId: null,
      passwordHash: await this.deps.hasher.hash(password),
      role: admins.includes(email) ? 'admin' : 'user',
      bannedAt: null,
      banReason: null,
      lastSeenAt: null,
      erasedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const created = await this.deps.users.create(user);
    if (!created.ok) return err(created.error);
    if (this.config.requireEmailVerification) {
      await sendAccountLink(this.deps, created.value, 'email_verification');
      return ok({ user: toPrivateUser(created.value), verificationRequired: true });
    }
    return ok(await startSession(this.deps, created.value, device));
  }
}
