import type { AccountToken, AccountTokenKind } from '../domain/account-token.js';

export const AccountTokenStore = Symbol.for('AccountTokenStore');

/**
 * Single-use account links (password reset, e-mail verification). Spending is insert-only under a unique key, so
 * of two racing uses of one link exactly one wins, on MongoDB and FerretDB alike.
 */
export interface AccountTokenStore {
  create(token: AccountToken): Promise<void>;
  /** The token with this id (its secret's hash), spent or not, until it expires and is swept; or null. */
  find(id: string): Promise<AccountToken | null>;
  /** Whether it was spent. */
  isSpent(id: string): Promise<boolean>;
  /** Spends the token: true for the one call that did, false if it was spent already. */
  spend(id: string, at: Date): Promise<boolean>;
  /** Spends every token of this kind the user still has (a reset used, a password changed). */
  spendAllForUser(userId: string, kind: AccountTokenKind, at: Date): Promise<void>;
  /** Deletes tokens (and their spent marks) that expired before `before`; returns how many tokens. */
  deleteExpired(before: Date): Promise<number>;
}
