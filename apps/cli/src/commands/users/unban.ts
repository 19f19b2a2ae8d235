import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersUnban extends ParleyCommand {
  static description = 'Lift a ban (moderator; audited)';
  static examples = ['<%= config.bin %> users unban 01a2...'];
  static args = { id: Args.string({ required: true, description: 'user id' }) };

  async run() {
    const { args } = await this.parse(UsersUnban);
    const user = await (await this.client()).request('POST', `/admin/users/${encodeURIComponent(args.id)}/unban`);
    this.log(`Unbanned ${user.username}`);
    return user;
  }
}
