import type { Participant, ParticipantPatchable } from '../domain/participant.js';

export const ParticipantStore = Symbol.for('ParticipantStore');

export interface ParticipantStore {
  /**
   * Makes the user an active participant. Returns 'added' for a new row, 'rejoined' when a row in state
   * 'left' was reactivated (watermarks kept), 'exists' when already active (nothing changes).
   */
  add(participant: Participant): Promise<'added' | 'rejoined' | 'exists'>;
  /** The participant row (active or left), or null. */
  find(conversationId: string, userId: string): Promise<Participant | null>;
  /** Active participants ordered by joinedAt, then userId. */
  listActive(conversationId: string, opts?: { afterUserId?: string; limit?: number }): Promise<Participant[]>;
  /** The user's rows in every conversation, optionally only those in one state. */
  listByUser(userId: string, opts?: { state?: Participant['state'] }): Promise<Participant[]>;
  /** How many active participants the conversation has. */
  countActive(conversationId: string): Promise<number>;
  /** Applies the patch atomically; null if no row. */
  update(
    conversationId: string,
    userId: string,
    patch: Partial<Pick<Participant, ParticipantPatchable>>,
  ): Promise<Participant | null>;
  /**
   * Moves lastReadSeq (and lastDeliveredSeq with it) forward to `seq` only if it is ahead; returns the row and whether
   * it moved.
   */
  advanceRead(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }>;
  /** Moves lastDeliveredSeq forward only; returns the row and whether it moved. */
  advanceDelivered(
    conversationId: string,
    userId: string,
    seq: number,
    at: Date,
  ): Promise<{ participant: Participant | null; moved: boolean }>;
  /** Active participants whose lastReadSeq or lastDeliveredSeq is at least `seq`. */
  listReachedSeq(conversationId: string, seq: number): Promise<Participant[]>;
}
