export const OutboxCheckpointStore = Symbol.for('OutboxCheckpointStore');

/**
 * How far one process has got with the follow-ups of the messages it stored (see MessageFollowUps):
 * every message of `origin` created before `doneBefore` had all of them done. A process writes its own
 * checkpoint once a second (`beatAt`); one that stopped writing has died, and whoever runs the outbox relay
 * finishes its messages from `doneBefore` on.
 */
export interface OutboxCheckpoint {
  /** The process (a new id each start) that stored the messages. */
  origin: string;
  doneBefore: Date;
  beatAt: Date;
  /**
   * How far the relays of processes that started since the last beat got in these messages (absent: none did). A
   * process that starts relays from here; a relay that takes the process for dead starts from `doneBefore`, so a
   * message that landed late behind a start-up's scan is still found. The process's own save drops it.
   */
  startRelayedTo?: Date;
}

/** What a relay may move forward in another process's checkpoint. */
export type RelayMark = 'doneBefore' | 'startRelayedTo';

/** The outbox checkpoints of every process sharing the message store; keep them in the same database. */
export interface OutboxCheckpointStore {
  /** Writes a process's checkpoint (insert or replace). Only that process saves it, one write at a time. */
  save(checkpoint: OutboxCheckpoint): Promise<void>;
  find(origin: string): Promise<OutboxCheckpoint | null>;
  /** Every checkpoint, oldest beat first, at most `limit`. */
  list(limit: number): Promise<OutboxCheckpoint[]>;
  /**
   * Moves `mark` (`doneBefore`, or `startRelayedTo`, which may be absent) forward to `to`, never back, unless the
   * checkpoint's process wrote it again after `beatAt` (or it is gone); true if it moved. The outbox relay's progress
   * in another process's messages, kept for the processes that start after it (which would otherwise repeat all of
   * them again).
   */
  advance(origin: string, beatAt: Date, mark: RelayMark, to: Date): Promise<boolean>;
  /** Removes a checkpoint unless its process wrote it again after `beatAt`; true if it was removed. */
  remove(origin: string, beatAt: Date): Promise<boolean>;
}
