import type { MessageDraft } from '../../messaging/index.js';

/** What a notify job carries: its message, and what deciding who is notified needs without reading the message. */
export interface NotifyFacts {
  messageId: string;
  conversationId: string;
  senderId: string;
  mentions: string[];
  silent: boolean;
}

export const notifyFactsOf = (
  message: Pick<MessageDraft, 'id' | 'conversationId' | 'senderId' | 'metadata'>,
): NotifyFacts => ({
  messageId: message.id,
  conversationId: message.conversationId,
  senderId: message.senderId,
  mentions: message.metadata.mentions,
  silent: message.metadata.silent === true,
});

/** The facts in a job's payload, or null if any is missing (a job queued before they were added). */
export function notifyFacts(payload: Record<string, unknown>): NotifyFacts | null {
  const { messageId, conversationId, senderId, mentions, silent } = payload;
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (typeof messageId !== 'string' || typeof conversationId !== 'string' || typeof senderId !== 'string') return null;
  if (!strings(mentions) || typeof silent !== 'boolean') return null;
  return { messageId, conversationId, senderId, mentions, silent };
}
