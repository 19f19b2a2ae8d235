/**
 * An account's second factor: a TOTP secret (RFC 6238) shared with the person's authenticator app, and the hashes
 * of their one-time recovery codes. Set up first (pending, `enabledAt` null) and enabled by a first valid code.
 */
export interface TwoFactor {
  userId: string;
  /** Base32, as the authenticator app holds it. Stored as is: the database is trusted with it, as with sessions. */
  secret: string;
  enabledAt: Date | null;
  /** SHA-256 hashes of the recovery codes; a used one is spent (see TwoFactorStore.spend), not removed. */
  recoveryCodeHashes: string[];
  createdAt: Date;
}

/** How many recovery codes an account gets when it enables two-factor sign-in. */
export const RECOVERY_CODES = 10;

/** How long the second step of a sign-in may wait after the password was right. */
export const SIGN_IN_CHALLENGE_MS = 5 * 60_000;

/** The answer to a right password on an account with two-factor sign-in: no session yet, a challenge to answer. */
export interface TwoFactorChallenge {
  twoFactorRequired: true;
  /** Single-use, valid for five minutes: send it back with a code to `POST /auth/2fa/verify`. */
  challenge: string;
  expiresAt: Date;
}

/** What the owner may see of their second factor. */
export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}
