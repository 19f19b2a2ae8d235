import type { TwoFactor } from '../domain/two-factor.js';

export const TwoFactorStore = Symbol.for('TwoFactorStore');

/**
 * Each account's second factor. What must hold under races is insert-only: `spend` inserts a mark under a unique
 * key, so a code (its time step) or a recovery code works once, on MongoDB and FerretDB alike.
 */
export interface TwoFactorStore {
  get(userId: string): Promise<TwoFactor | null>;
  /** Stores the account's state, replacing what it had (setting up again replaces a pending secret). */
  put(state: TwoFactor): Promise<void>;
  /** Two-factor sign-in is off: the state goes (the spent marks expire by themselves). */
  remove(userId: string): Promise<void>;
  /** Spends `key` (`step:<n>` for a TOTP time step, `recovery:<hash>`): true for the one call that did. */
  spend(userId: string, key: string, expiresAt: Date): Promise<boolean>;
  /** How many of these keys the account spent (recovery codes left = issued - spent). */
  countSpent(userId: string, keys: readonly string[]): Promise<number>;
  /** Deletes spent marks that expired before `before` (the retention sweep; a TTL index on MongoDB); how many. */
  deleteExpired(before: Date): Promise<number>;
}

export const TotpAuthenticator = Symbol.for('TotpAuthenticator');

/** TOTP (RFC 6238: SHA-1, 6 digits, 30 s) as authenticator apps speak it. */
export interface TotpAuthenticator {
  /** A fresh random base32 secret (160 bits). */
  newSecret(): string;
  /** The otpauth:// URI an authenticator app reads (from a QR code), labelled with the account. */
  uri(secret: string, account: string): string;
  /** The time step of `code` if it is valid at `at`, allowing one step of clock drift either way; else null. */
  check(secret: string, code: string, at: Date): Promise<number | null>;
  /** A fresh random recovery code, easy to type (e.g. `k3m9-x2q7-p4ta`). */
  newRecoveryCode(): string;
}
