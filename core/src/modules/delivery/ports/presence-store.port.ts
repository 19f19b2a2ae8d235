export const PresenceStore = Symbol.for('PresenceStore');

export interface PresenceState {
  userId: string;
  online: boolean;
  away: boolean;
}

/**
 * Ephemeral state with explicit expiry times (taken from the Clock port, so tests can move time).
 * Nothing here is durable; last-seen lives on the user.
 */
export interface PresenceStore {
  /** Records a live connection until expiresAt; `cameOnline` when it is the user's only live one. */
  connect(userId: string, connectionId: string, expiresAt: Date, now: Date): Promise<{ cameOnline: boolean }>;
  /** Extends a live connection. */
  heartbeat(userId: string, connectionId: string, expiresAt: Date): Promise<void>;
  /** Drops a connection; `wentOffline` when no live connection of the user remains. */
  disconnect(userId: string, connectionId: string, now: Date): Promise<{ wentOffline: boolean }>;
  /** Sets or clears the user's away flag. */
  setAway(userId: string, away: boolean): Promise<void>;
  /** The state of each user at `now` (expired connections do not count). */
  get(userIds: readonly string[], now: Date): Promise<PresenceState[]>;
  /** Marks the user typing in the conversation until expiresAt; `renewed` when they already were. */
  setTyping(conversationId: string, userId: string, expiresAt: Date, now: Date): Promise<{ renewed: boolean }>;
  /** Clears typing; whether the user was typing. */
  clearTyping(conversationId: string, userId: string, now: Date): Promise<boolean>;
  /** Users typing in the conversation at `now`. */
  listTyping(conversationId: string, now: Date): Promise<{ userId: string; expiresAt: Date }[]>;
  /**
   * Takes away the typing indicators that ran out by `now` (neither stopped nor renewed) and returns them,
   * at most `limit`: each to exactly one caller, also when several processes sweep at once.
   */
  takeExpiredTyping(now: Date, limit: number): Promise<{ conversationId: string; userId: string }[]>;
}
