import type { AccountTokenKind } from '../domain/account-token.js';

export const AccountMailer = Symbol.for('AccountMailer');

/** The single-use tokens that travel by e-mail. */
export type MailedTokenKind = Exclude<AccountTokenKind, 'sign_in_challenge'>;

/** One account e-mail: a single-use link for the person to follow. */
export interface AccountMail {
  kind: MailedTokenKind;
  to: string;
  displayName: string;
  /** The link's secret; the adapter builds the link from its configured app address. */
  token: string;
  expiresAt: Date;
}

/** Delivers account e-mails (password reset, address verification). */
export interface AccountMailer {
  /** Throws when it could not be handed over (the caller logs it; the person can ask again). */
  send(mail: AccountMail): Promise<void>;
}
