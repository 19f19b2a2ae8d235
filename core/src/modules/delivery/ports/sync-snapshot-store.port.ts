export const SyncSnapshotStore = Symbol.for('SyncSnapshotStore');

/** Where one of a user's conversations stood when a sync token was handed out. */
export interface SyncSeen {
  conversationId: string;
  lastEventSeq: number;
  membership: 'active' | 'left';
  deleted: boolean;
}

/**
 * What a sync token stands for: the user's conversations as the client was told them. The next sync reports
 * every conversation that differs from it, so nothing depends on clocks or on when an activity mark lands.
 */
export interface SyncSnapshot {
  id: string;
  userId: string;
  seen: SyncSeen[];
  createdAt: Date;
  expiresAt: Date;
}

/** Sync snapshots, written once each and read back by id; expired ones are swept. */
export interface SyncSnapshotStore {
  /** Stores a new snapshot (its id is new: a snapshot is never rewritten). */
  save(snapshot: SyncSnapshot): Promise<void>;
  /** The snapshot if it exists, belongs to `userId` and has not expired at `now`; else null. */
  find(id: string, userId: string, now: Date): Promise<SyncSnapshot | null>;
  /** Deletes up to `limit` snapshots that expired before `now`; returns how many. */
  deleteExpired(now: Date, limit: number): Promise<number>;
}
