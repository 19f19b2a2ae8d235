import type { RefreshTokenFamily } from '../domain/session.js';

export const SessionStore = Symbol.for('SessionStore');

export interface SessionStore {
  /** Stores a new refresh-token family. */
  create(session: RefreshTokenFamily): Promise<void>;
  /** The family with this id (revoked ones included, until swept), or null. */
  findById(id: string): Promise<RefreshTokenFamily | null>;
  /** The family whose current or previous hash is this one, and whether it is the current one. */
  findByTokenHash(hash: string): Promise<{ session: RefreshTokenFamily; current: boolean } | null>;
  /** The user's families that are neither revoked nor expired at `now`, most recently active first. */
  listActiveForUser(userId: string, now: Date): Promise<RefreshTokenFamily[]>;
  /**
   * Atomically replaces the current hash if it still equals `expectedHash` and the family is not revoked (its
   * lastActiveAt becomes `at`); false otherwise.
   */
  rotate(id: string, expectedHash: string, newHash: string, at: Date, expiresAt: Date): Promise<boolean>;
  /**
   * Records activity: lastActiveAt becomes `at` unless it is later already (never goes back), and the address
   * when given. Nothing else changes; a revoked or unknown family is left alone.
   */
  touch(id: string, at: Date, ip?: string | null): Promise<void>;
  /** Marks the family revoked; idempotent. */
  revoke(id: string, at: Date): Promise<void>;
  /** Revokes every family of the user, except the one named `keep` (the session changing the password). */
  revokeAllForUser(userId: string, at: Date, keep?: string): Promise<void>;
  /** Deletes families that expired or were revoked before the date; returns how many. */
  deleteExpired(before: Date): Promise<number>;
}
