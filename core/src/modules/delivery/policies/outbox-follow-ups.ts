import type { OutboxRecord } from '../domain/outbox.js';

/**
 * What a read that must see this process's own writes waits on: the follow-ups of the sends this process
 * made (read and activity marks, which land a moment after the send returns) have landed. The reads that
 * report unread counts and receipts take it; nothing else needs to know how follow-ups run.
 */
export interface OwnWrites {
  /** Resolves once every follow-up this process started so far has landed (or failed and was recorded). */
  settle(): Promise<void>;
}

/** What relaying a process's outbox needs of the follow-ups of stored messages. */
export interface OutboxFollowUps {
  /** The id under which this process stores messages: its own outbox is never relayed by itself. */
  readonly origin: string;
  /** Repeats this process's own follow-ups that failed (a dependency was down); how many ran. */
  repairOwn(): Promise<number>;
  /** Runs the follow-ups of a stored message (another process's, past its checkpoint); whether all landed. */
  run(record: OutboxRecord): Promise<boolean>;
}
