import type { SessionDevice } from './session.js';

/** What a single-use token proves: that its holder reads the account's e-mail, or gave its password just now. */
export type AccountTokenKind = 'password_reset' | 'email_verification' | 'sign_in_challenge';

/** How long each kind of link works. */
export const ACCOUNT_TOKEN_TTL_MS: Record<AccountTokenKind, number> = {
  password_reset: 60 * 60_000,
  email_verification: 48 * 3_600_000,
  sign_in_challenge: 5 * 60_000,
};

/**
 * A single-use link's record. Only the hash of its secret is kept (the id), so the store cannot hand out a working
 * link; the secret travels once, in the e-mail.
 */
export interface AccountToken {
  /** The hash of the secret (as refresh secrets are hashed). */
  id: string;
  kind: AccountTokenKind;
  userId: string;
  /** The address it was sent to: a verification proves this address, not whatever the account has later. */
  email: string;
  createdAt: Date;
  expiresAt: Date;
  /** A sign-in challenge's device (the session it completes records it). */
  device?: SessionDevice;
}
