import type { Ballot } from '../domain/poll.js';

export const PollStore = Symbol.for('PollStore');

/** Votes in polls. The poll itself lives on its message. */
export interface PollStore {
  /**
   * Records the user's ballot; false (nothing changes) if they voted in this poll already, however many cast at once.
   */
  cast(ballot: Ballot): Promise<boolean>;
  /** Takes the user's ballot back; false if they had none. */
  retract(messageId: string, userId: string): Promise<boolean>;
  /** Every ballot of a poll, in the order they were cast. */
  ballots(messageId: string): Promise<Ballot[]>;
  /** Removes every ballot of a poll (its message was deleted); returns how many. */
  removeAllForMessage(messageId: string): Promise<number>;
}
