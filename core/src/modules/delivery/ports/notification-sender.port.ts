export const NotificationSender = Symbol.for('NotificationSender');

export interface Notification {
  userId: string;
  email: string;
  conversationId: string;
  messageId: string;
  /** The conversation's name, or the sender's display name for direct conversations. */
  title: string;
  /** A preview of the message. */
  body: string;
  /** Whether the user was mentioned (mentions reach muted conversations too). */
  mention: boolean;
  createdAt: Date;
}

export interface NotificationSender {
  /** Delivers one notification; throws when delivery failed and may succeed if tried again. */
  send(notification: Notification): Promise<void>;
}
