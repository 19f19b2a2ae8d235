import type { Pin } from '../domain/pin.js';

export const PinStore = Symbol.for('PinStore');

export interface PinStore {
  /** Pins the message; false (and nothing changes) if it is pinned already, however many pin it at once. */
  add(pin: Pin): Promise<boolean>;
  /** Unpins the message; false if it was not pinned. */
  remove(conversationId: string, messageId: string): Promise<boolean>;
  /** The conversation's pins, the most recently pinned first, at most `limit`. */
  list(conversationId: string, limit: number): Promise<Pin[]>;
  /** How many pins the conversation holds. */
  count(conversationId: string): Promise<number>;
}
