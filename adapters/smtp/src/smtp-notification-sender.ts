import nodemailer, { type Transporter } from 'nodemailer';
import type { Notification, NotificationSender } from '@parley/core';

export interface SmtpOptions {
  /** e.g. smtp://user:pass@mail.example.com:587 */
  url: string;
  from: string;
  /** Link put into emails, e.g. the web client's address. */
  appUrl?: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Emails each notification through an SMTP server. */
export class SmtpNotificationSender implements NotificationSender {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions) {
    this.transport = nodemailer.createTransport(options.url);
  }

  async send(n: Notification): Promise<void> {
    const subject = n.mention ? `You were mentioned in ${n.title}` : `New message in ${n.title}`;
    const link = this.options.appUrl
      ? `${this.options.appUrl.replace(/\/$/, '')}/conversations/${n.conversationId}`
      : null;
    await this.transport.sendMail({
      from: this.options.from,
      to: n.email,
      subject,
      text: `${n.body}${link ? `\n\nOpen: ${link}` : ''}`,
      html: `<p>${escape(n.body)}</p>${link ? `<p><a href="${escape(link)}">Open the conversation</a></p>` : ''}`,
      headers: { 'X-Parley-Message-Id': n.messageId },
    });
  }

  close(): void {
    this.transport.close();
  }
}
