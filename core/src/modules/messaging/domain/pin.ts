/** A message pinned to the top of its conversation. */
export interface Pin {
  conversationId: string;
  messageId: string;
  /** The message's seq, so a client can jump to it in history. */
  seq: number;
  pinnedBy: string;
  pinnedAt: Date;
}

/** Pins a conversation may hold at once. */
export const MAX_PINS = 100;
