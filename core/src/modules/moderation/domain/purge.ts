/**
 * A moderator's purge of one person's messages across every conversation (all of them, or those sent in a
 * time window), run as one job; its row is its progress.
 */
export interface Purge {
  id: string;
  userId: string;
  requestedBy: string;
  reason: string;
  /** Only messages sent at or after this time (null: from the first). */
  since: Date | null;
  /** Only messages sent before this time (null: up to now). */
  until: Date | null;
  state: 'queued' | 'running' | 'done';
  /** How many of the person's messages the job has looked at, of `total` when it started. */
  scanned: number;
  total: number;
  /** How many it deleted for everyone. */
  erased: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}
