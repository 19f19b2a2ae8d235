import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersShow extends ParleyCommand {
  static description = 'Show a user account as stored (moderator)';
  static examples = ['<%= config.bin %> users show 01a2...'];
  static args = { id: Args.string({ required: true, description: 'user id' }) };

  async run() {
    const { args } = await this.parse(UsersShow);
    const user = await (await this.client()).request('GET', `/admin/users/${encodeURIComponent(args.id)}`);
    this.table([user], ['id', 'username', 'email', 'displayName', 'role', 'bannedAt', 'banReason', 'lastSeenAt']);
    return user;
  }
}
