import type { MessageContent, MessageView } from './message.js';

export type HeldState = 'held' | 'approved' | 'rejected';

/**
 * A message a `hold` filter kept back: not in the log, not in anyone's history or event stream, until a
 * moderator approves it (it is then sent as its sender, at that time) or rejects it. Its sender's retry
 * with the same clientMessageId finds it instead of holding it twice.
 */
export interface HeldMessage {
  id: string;
  conversationId: string;
  senderId: string;
  /** The sender's idempotency key, if the send had one. */
  clientMessageId: string | null;
  /** What would be stored, less what the store gives at approval (id, times). */
  draft: HeldDraft;
  /** The filters that caught it. */
  filterIds: string[];
  state: HeldState;
  heldAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
  /** The message it became, once approved. */
  messageId: string | null;
}

export type HeldDraft = MessageContent;

/** The idempotency key an approved message is stored with when its send had none: approving twice stores it once. */
export const heldClientId = (held: Pick<HeldMessage, 'id' | 'clientMessageId'>): string =>
  held.clientMessageId ?? `held:${held.id}`;

/** What the sender is told: that it waits, and later what became of it (not which filter caught it). */
export type HeldReceipt = Pick<
  HeldMessage,
  'id' | 'conversationId' | 'clientMessageId' | 'state' | 'heldAt' | 'decidedAt' | 'messageId'
>;

/**
 * What a send did: stored the message (`created` false: a retry found it), or, when a `hold` filter caught
 * it, kept it for a moderator's review (`created` false: a retry found it held).
 */
export type SendOutcome = { message: MessageView; created: boolean } | { held: HeldReceipt; created: boolean };

/** The message a send stored, or null when it was held for review. */
export const sentMessage = (outcome: SendOutcome): MessageView | null =>
  'message' in outcome ? outcome.message : null;

export const toHeldReceipt = (held: HeldMessage): HeldReceipt => ({
  id: held.id,
  conversationId: held.conversationId,
  clientMessageId: held.clientMessageId,
  state: held.state,
  heldAt: held.heldAt,
  decidedAt: held.decidedAt,
  messageId: held.messageId,
});
