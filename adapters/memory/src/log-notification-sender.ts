import type { Logger, Notification, NotificationSender } from '@parley/core';

/** Keeps notifications in memory (inspectable as `sent`) and logs each one: the embedded default. */
export class LogNotificationSender implements NotificationSender {
  readonly sent: Notification[] = [];

  constructor(
    private readonly logger?: Logger,
    private readonly keep = 1000,
  ) {}

  async send(notification: Notification): Promise<void> {
    this.sent.push(notification);
    if (this.sent.length > this.keep) this.sent.shift();
    this.logger?.info('notification', {
      userId: notification.userId,
      conversationId: notification.conversationId,
      messageId: notification.messageId,
      mention: notification.mention,
    });
  }
}
