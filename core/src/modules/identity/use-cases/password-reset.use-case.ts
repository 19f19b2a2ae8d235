import { normalizeEmail, validatePassword } from '../domain/user.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { linkInvalid, sendAccountLink, spendAccountLink, type AccountLinkDeps } from '../policies/account-links.js';

/**
 * "Forgot my password": e-mails a single-use reset link (valid for an hour) to the account with this address. The
 * answer is the same whether or not such an account exists, and as quick (the mail goes in the background).
 * Banned and erased accounts get nothing.
 */
export class RequestPasswordReset {
  constructor(private readonly deps: AccountLinkDeps & Pick<Ports, 'users'>) {}

  async execute(input: { email?: unknown }): Promise<Result<void, DomainError>> {
    if (typeof input.email !== 'string' || input.email.length > 254) return err(invalid('email', 'must be an address'));
    const user = await this.deps.users.findByEmail(normalizeEmail(input.email));
    if (user && !user.erasedAt && !user.bannedAt && !user.isBot)
      await sendAccountLink(this.deps, user, 'password_reset');
    return ok(undefined);
  }
}

/**
 * Sets a new password with a reset link: the link is spent (a second use is refused), every other reset link of the
 * account stops working, and every session of the account ends (on every node, as a revocation does). Following
 * the link proves the address, so it counts as verifying it. Audited.
 */
export class ResetPassword {
  constructor(
    private readonly deps: Pick<
      Ports,
      'users' | 'hasher' | 'sessions' | 'accountTokens' | 'tokens' | 'audit' | 'ids' | 'clock'
    >,
  ) {}

  async execute(input: { token?: unknown; newPassword?: unknown }): Promise<Result<void, DomainError>> {
    const issues = new Issues();
    const password = validatePassword(issues, input.newPassword);
    if (!issues.empty || password === undefined)
      return err(invalid(issues.list.map((i) => ({ ...i, field: 'newPassword' }))));
    const spent = await spendAccountLink(this.deps, input.token, 'password_reset');
    if (!spent.ok) return spent;
    const user = await this.deps.users.findById(spent.value.userId);
    if (!user || user.erasedAt || user.email !== spent.value.email) return linkInvalid();
    const now = this.deps.clock.now();
    await this.deps.users.update(user.id, {
      passwordHash: await this.deps.hasher.hash(password),
      ...(user.emailVerifiedAt ? {} : { emailVerifiedAt: now }),
      updatedAt: now,
    });
    await this.deps.accountTokens.spendAllForUser(user.id, 'password_reset', now);
    await this.deps.sessions.revokeAllForUser(user.id, now);
    await audit(this.deps, {
      actorId: user.id,
      action: 'user.password_reset',
      targetType: 'user',
      targetId: user.id,
    });
    return ok(undefined);
  }
}
