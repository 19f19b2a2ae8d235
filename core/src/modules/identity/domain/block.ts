/** One person blocking another: the blocked person can no longer reach the blocker (see docs/security.md). */
export interface Block {
  blockerId: string;
  blockedId: string;
  createdAt: Date;
}

/** How many people one person can block. */
export const MAX_BLOCKS = 10_000;
