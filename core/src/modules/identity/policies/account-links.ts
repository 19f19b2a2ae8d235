import { forbidden, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { ACCOUNT_TOKEN_TTL_MS, type AccountToken, type AccountTokenKind } from '../domain/account-token.js';
import type { User } from '../domain/user.js';
import type { MailedTokenKind } from '../ports/account-mailer.port.js';

export type AccountLinkDeps = Pick<Ports, 'accountTokens' | 'accountMailer' | 'tokens' | 'clock' | 'logger'>;

/**
 * Makes a single-use link for the user and e-mails it. The mail goes in the background: the answer to the
 * request must not take longer for an existing account than for an unknown address. A mail that could not be
 * handed over is logged; the person asks again.
 */
export async function sendAccountLink(deps: AccountLinkDeps, user: User, kind: MailedTokenKind): Promise<void> {
  const now = deps.clock.now();
  const secret = deps.tokens.newRefreshSecret();
  const token: AccountToken = {
    id: deps.tokens.hashRefreshSecret(secret),
    kind,
    userId: user.id,
    email: user.email,
    createdAt: now,
    expiresAt: new Date(now.getTime() + ACCOUNT_TOKEN_TTL_MS[kind]),
  };
  await deps.accountTokens.create(token);
  void deps.accountMailer
    .send({ kind, to: user.email, displayName: user.displayName, token: secret, expiresAt: token.expiresAt })
    .catch((error: unknown) =>
      deps.logger.warn('account e-mail not sent', { kind, userId: user.id, error: String(error) }),
    );
}

const refused = (code: string, message: string) => err(forbidden(code, message));

/** A link that names no usable account (it is gone, or its address changed since). */
export const linkInvalid = () => refused('token_invalid', 'this link is not valid');

/**
 * Spends a link of this kind: the token it names if it was live and this call spent it. Unknown, of another kind,
 * expired and already used links are refused with their own codes (the holder learns nothing about any account).
 */
export async function spendAccountLink(
  deps: Pick<Ports, 'accountTokens' | 'tokens' | 'clock'>,
  secret: unknown,
  kind: AccountTokenKind,
): Promise<Result<AccountToken, DomainError>> {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 512) return linkInvalid();
  const token = await deps.accountTokens.find(deps.tokens.hashRefreshSecret(secret));
  const now = deps.clock.now();
  if (!token || token.kind !== kind) return linkInvalid();
  if (token.expiresAt <= now) return refused('token_expired', 'this link has expired; ask for a new one');
  if (!(await deps.accountTokens.spend(token.id, now)))
    return refused('token_used', 'this link was used already; ask for a new one');
  return ok(token);
}
