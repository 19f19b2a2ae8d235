import nodemailer, { type Transporter } from 'nodemailer';
import type { AccountMail, AccountMailer } from '@parley/core';
import type { SmtpOptions } from './smtp-notification-sender.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const WORDING = {
  password_reset: {
    subject: 'Reset your Parley password',
    intro: 'Someone (hopefully you) asked to reset the password of your Parley account.',
    action: 'Choose a new password',
    param: 'reset',
    ignore: 'If it was not you, ignore this e-mail: your password stays as it is.',
  },
  email_verification: {
    subject: 'Confirm your e-mail address for Parley',
    intro: 'Confirm that this is your address to finish setting up your Parley account.',
    action: 'Confirm my address',
    param: 'verify',
    ignore: 'If you did not sign up, ignore this e-mail.',
  },
} as const;

/**
 * Account e-mails over SMTP: a single-use link to the web client (`<appUrl>/app/?reset=<token>` or
 * `?verify=<token>`), which asks the API to spend it. Without an app address the link is the API's own web client
 * at the public URL.
 */
export class SmtpAccountMailer implements AccountMailer {
  private readonly transport: Transporter;

  constructor(private readonly options: SmtpOptions & { publicUrl?: string }) {
    this.transport = nodemailer.createTransport(options.url);
  }

  async send(mail: AccountMail): Promise<void> {
    const words = WORDING[mail.kind];
    const base = (this.options.appUrl ?? `${this.options.publicUrl ?? ''}/app`).replace(/\/$/, '');
    const link = `${base}/?${words.param}=${encodeURIComponent(mail.token)}`;
    const until = mail.expiresAt.toUTCString();
    await this.transport.sendMail({
      from: this.options.from,
      to: mail.to,
      subject: words.subject,
      text:
        `Hello ${mail.displayName},\n\n${words.intro}\n\n${words.action}: ${link}\n\n` +
        `The link works once, until ${until}. ${words.ignore}\n`,
      html:
        `<p>Hello ${escape(mail.displayName)},</p><p>${escape(words.intro)}</p>` +
        `<p><a href="${escape(link)}">${escape(words.action)}</a></p>` +
        `<p>The link works once, until ${escape(until)}. ${escape(words.ignore)}</p>`,
      headers: { 'X-Parley-Mail': mail.kind },
    });
  }

  close(): void {
    this.transport.close();
  }
}
