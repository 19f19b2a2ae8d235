import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersBan extends ParleyCommand {
  static description = 'Ban a user and revoke all their sessions (moderator; audited)';
  static examples = ['<%= config.bin %> users ban 01a2... --reason "spam"'];
  static args = { id: Args.string({ required: true, description: 'user id' }) };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(UsersBan);
    const user = await (
      await this.client()
    ).request('POST', `/admin/users/${encodeURIComponent(args.id)}/ban`, { reason: flags.reason });
    this.log(`Banned ${user.username}`);
    return user;
  }
}
