import type { Purge } from '../domain/purge.js';

export const PurgeStore = Symbol.for('PurgeStore');

/** Purges and their progress (one small row each). */
export interface PurgeStore {
  create(purge: Purge): Promise<void>;
  find(id: string): Promise<Purge | null>;
  /** Applies the patch; the row after it, or null when there is none. */
  update(id: string, patch: Partial<Omit<Purge, 'id' | 'userId' | 'createdAt'>>): Promise<Purge | null>;
}
