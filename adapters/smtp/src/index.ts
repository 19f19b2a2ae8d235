export { SmtpNotificationSender, type SmtpOptions } from './smtp-notification-sender.js';
