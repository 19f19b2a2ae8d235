export { WebhookNotificationSender, signWebhook, type WebhookOptions } from './webhook-notification-sender.js';
