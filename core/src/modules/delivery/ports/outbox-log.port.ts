import type { OutboxEntry, OutboxRecord } from '../domain/outbox.js';

export const OutboxLog = Symbol.for('OutboxLog');

/**
 * What each process stored and may not have finished: the messages stored with an outbox entry (through
 * MessageStore.append), read back by origin. It is the message store's own records seen by the outbox, so
 * an entry and its message are one write and survive or vanish together.
 */
export interface OutboxLog {
  /**
   * The records stored by `origin` created at or after `since`, oldest first (by the message's createdAt,
   * then id), at most `limit`; `after` continues from the last of a page. Messages stored without an entry
   * never appear.
   */
  listByOrigin(
    origin: string,
    since: Date,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<OutboxRecord[]>;
  /** The entry stored with this message, or null (no such message, or stored without one). */
  find(messageId: string): Promise<OutboxEntry | null>;
}
