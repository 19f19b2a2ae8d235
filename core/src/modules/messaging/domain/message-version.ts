/** An earlier text of an edited message: what it read before the edit that replaced it. */
export interface MessageVersion {
  messageId: string;
  conversationId: string;
  /** 1 for the text as first sent, then one more per edit; dense per message. */
  version: number;
  content: string | null;
  /** When this text was written (sent, or the edit that made it). */
  writtenAt: Date;
  /** When the next edit replaced it. */
  replacedAt: Date;
}

export type MessageVersionDraft = Omit<MessageVersion, 'version'>;
