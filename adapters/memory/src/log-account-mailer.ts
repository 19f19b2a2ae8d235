import type { AccountMail, AccountMailer, Logger } from '@parley/core';

/**
 * The embedded default: account e-mails are not sent anywhere. Each is kept (tests read them) and logged without
 * its secret, unless `revealTokens` (LOG_ACCOUNT_LINKS=true, for local development only) puts the token in the log
 * so a developer can follow the link.
 */
export class LogAccountMailer implements AccountMailer {
  readonly sent: AccountMail[] = [];

  constructor(
    private readonly logger?: Logger,
    private readonly options: { revealTokens?: boolean; keep?: number } = {},
  ) {}

  async send(mail: AccountMail): Promise<void> {
    this.sent.push(mail);
    if (this.sent.length > (this.options.keep ?? 1000)) this.sent.shift();
    this.logger?.warn('account e-mail not sent (no SMTP_URL)', {
      kind: mail.kind,
      to: mail.to,
      ...(this.options.revealTokens ? { token: mail.token } : {}),
    });
  }
}
