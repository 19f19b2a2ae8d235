import type { MessageVersion, MessageVersionDraft } from '../domain/message-version.js';

export const EditHistoryStore = Symbol.for('EditHistoryStore');

/**
 * Earlier texts of edited messages. An edit appends the text it replaces here, then updates the message:
 * a crash between the two leaves one version that reads like the current text, never a lost one.
 */
export interface EditHistoryStore {
  /**
   * Appends the version with the message's next number (1, 2, 3... dense, also under concurrent appends) and returns
   * it.
   */
  append(draft: MessageVersionDraft): Promise<MessageVersion>;
  /** A message's earlier versions, oldest first. */
  list(messageId: string): Promise<MessageVersion[]>;
  /** Removes every version of a message (deleted for everyone, or erased); returns how many. */
  removeAllForMessage(messageId: string): Promise<number>;
}
