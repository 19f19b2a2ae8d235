import type { Block } from '../domain/block.js';

export const BlockStore = Symbol.for('BlockStore');

/**
 * Who blocked whom. Read on every check (no cache), so a block or an unblock applies on every node as soon
 * as it is acknowledged.
 */
export interface BlockStore {
  /** Stores the block; false when it was there already (idempotent). */
  add(block: Block): Promise<boolean>;
  /** Removes it; false when there was none. */
  remove(blockerId: string, blockedId: string): Promise<boolean>;
  /** Whether either of the two blocked the other. */
  between(a: string, b: string): Promise<boolean>;
  /** Of `among`, the people who blocked `userId` (in no order). */
  blockersOf(userId: string, among: readonly string[]): Promise<string[]>;
  /** The people this person blocked, the latest first, at most `limit`. */
  list(blockerId: string, limit: number): Promise<Block[]>;
}
