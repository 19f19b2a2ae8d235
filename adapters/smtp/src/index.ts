export { SmtpNotificationSender, type SmtpOptions } from './smtp-notification-sender.js';
export { SmtpAccountMailer } from './smtp-account-mailer.js';
