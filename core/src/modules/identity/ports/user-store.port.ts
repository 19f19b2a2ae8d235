import type { Conflict } from '../../../shared/errors.js';
import type { Result } from '../../../shared/result.js';
import type { PlatformRole, User } from '../domain/user.js';

export const UserStore = Symbol.for('UserStore');

export interface UserListQuery {
  /** Return users whose id sorts after this one (ascending id order). */
  afterId?: string;
  limit: number;
  role?: PlatformRole;
  banned?: boolean;
  /** Only accounts under a temporary ban that ended at or before this time. */
  banEndedBy?: Date;
}

export interface UserStore {
  /** Inserts a user; `email_taken` / `username_taken` conflicts when either is already used (case-insensitive). */
  create(user: User): Promise<Result<User, Conflict>>;
  /** The user with this id, or null. */
  findById(id: string): Promise<User | null>;
  /** The users with these ids that exist, in no particular order. */
  findManyByIds(ids: readonly string[]): Promise<User[]>;
  /** The user whose normalized email equals this one, or null. */
  findByEmail(email: string): Promise<User | null>;
  /** The user whose normalized username equals this one, or null. */
  findByUsername(username: string): Promise<User | null>;
  /** Applies the patch atomically to one user and returns the result; null if no such user. */
  update(id: string, patch: Partial<Omit<User, 'id' | 'createdAt'>>): Promise<User | null>;
  /** Users not erased whose username or display name starts with the prefix (case-insensitive), by username. */
  searchByPrefix(prefix: string, limit: number): Promise<User[]>;
  /** Users ordered by id, for moderators. */
  list(query: UserListQuery): Promise<User[]>;
  /** How many users exist. */
  count(): Promise<number>;
}
