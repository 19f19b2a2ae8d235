import type { ScheduledMessage } from '../domain/scheduled-message.js';

export const ScheduledMessageStore = Symbol.for('ScheduledMessageStore');

/**
 * Messages waiting to be sent. A scheduled message's fate is settled once: the first of "send it" and
 * "cancel it" wins, however many sweeps and cancels race, also across processes (`settle`). Delivery is
 * settle, then send with an idempotency key, then `recordDelivery`: a process dying in between leaves a
 * settled-but-undelivered message that the next sweep sends (the key stores it once).
 */
export interface ScheduledMessageStore {
  /** Stores a new scheduled message (state 'scheduled'). */
  create(message: ScheduledMessage): Promise<void>;
  /** The scheduled message with this id, in any state, or null. */
  findById(id: string): Promise<ScheduledMessage | null>;
  /** The sender's messages still waiting in a conversation, the soonest first. */
  listScheduled(senderId: string, conversationId: string): Promise<ScheduledMessage[]>;
  /** Changes the text or time of a message still waiting; null if it is not waiting any more. */
  reschedule(
    id: string,
    patch: { content?: string | null; sendAt?: Date; updatedAt: Date },
  ): Promise<ScheduledMessage | null>;
  /** Settles the message as being sent or cancelled; true for the one caller that settled it. */
  settle(id: string, outcome: 'sent' | 'cancelled', at: Date): Promise<boolean>;
  /** Messages still waiting whose sendAt is at or before `now`, the soonest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<ScheduledMessage[]>;
  /** Messages settled as sent (before `before`) whose delivery was never recorded, at most `limit`. */
  listUndelivered(before: Date, limit: number): Promise<ScheduledMessage[]>;
  /** Records how delivery ended: the message it became, or why it failed (state 'failed'). */
  recordDelivery(id: string, outcome: { messageId: string } | { failure: string }): Promise<void>;
}
