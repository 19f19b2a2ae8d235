import { normalizeEmail } from '../domain/user.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { linkInvalid, sendAccountLink, spendAccountLink, type AccountLinkDeps } from '../policies/account-links.js';

/**
 * E-mails a verification link (valid for 48 hours) to the account with this address, unless it is verified
 * already. Same answer whether or not the account exists.
 */
export class RequestEmailVerification {
  constructor(private readonly deps: AccountLinkDeps & Pick<Ports, 'users'>) {}

  async execute(input: { email?: unknown }): Promise<Result<void, DomainError>> {
    if (typeof input.email !== 'string' || input.email.length > 254) return err(invalid('email', 'must be an address'));
    const user = await this.deps.users.findByEmail(normalizeEmail(input.email));
    if (user && !user.erasedAt && !user.bannedAt && !user.emailVerifiedAt)
      await sendAccountLink(this.deps, user, 'email_verification');
    return ok(undefined);
  }
}

/** Follows a verification link: the account's address is verified (if it is still the address the link went to). */
export class VerifyEmail {
  constructor(private readonly deps: Pick<Ports, 'users' | 'accountTokens' | 'tokens' | 'clock'>) {}

  async execute(input: { token?: unknown }): Promise<Result<void, DomainError>> {
    const spent = await spendAccountLink(this.deps, input.token, 'email_verification');
    if (!spent.ok) return spent;
    const user = await this.deps.users.findById(spent.value.userId);
    if (!user || user.erasedAt || user.email !== spent.value.email) return linkInvalid();
    if (!user.emailVerifiedAt) {
      const now = this.deps.clock.now();
      await this.deps.users.update(user.id, { emailVerifiedAt: now, updatedAt: now });
    }
    return ok(undefined);
  }
}
