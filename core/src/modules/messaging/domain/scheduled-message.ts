import type { MessageMetadata } from './message.js';

export type ScheduledState = 'scheduled' | 'sent' | 'cancelled' | 'failed';

/** A message its sender asked to go out later; a sweep sends it (as the sender) once sendAt has come. */
export interface ScheduledMessage {
  id: string;
  conversationId: string;
  senderId: string;
  content: string | null;
  attachmentIds: string[];
  replyToId: string | null;
  metadata: Pick<MessageMetadata, 'mentions' | 'silent'>;
  sendAt: Date;
  state: ScheduledState;
  /** The message it became, once sent. */
  messageId: string | null;
  /** Why it could not be sent (state 'failed'). */
  failure: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How far ahead a message may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 365 * 86_400_000;
/** Scheduled messages one sender may have waiting in one conversation. */
export const MAX_SCHEDULED_PER_CONVERSATION = 100;
/** The idempotency key a scheduled message is sent with: a repeated delivery stores it once. */
export const scheduledClientId = (id: string): string => `scheduled:${id}`;
