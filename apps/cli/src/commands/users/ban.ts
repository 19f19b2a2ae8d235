import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersBan extends ParleyCommand {
  static description =
    'Ban a user, for good or for a number of days, and revoke all their sessions (moderator; audited)';
  static examples = [
    '<%= config.bin %> users ban 01a2... --reason "spam"',
    '<%= config.bin %> users ban 01a2... --reason "flooding" --days 7',
  ];
  static args = { id: Args.string({ required: true, description: 'user id' }) };
  static flags = {
    reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }),
    days: Flags.integer({ min: 1, max: 3650, description: 'a temporary ban: it ends after this many days' }),
  };

  async run() {
    const { args, flags } = await this.parse(UsersBan);
    const user = await (
      await this.client()
    ).request('POST', `/admin/users/${encodeURIComponent(args.id)}/ban`, {
      reason: flags.reason,
      ...(flags.days ? { until: new Date(Date.now() + flags.days * 86_400_000).toISOString() } : {}),
    });
    this.log(`Banned ${user.username}${user.bannedUntil ? ` until ${user.bannedUntil}` : ''}`);
    return user;
  }
}
