import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersSetRole extends ParleyCommand {
  static description = 'Set a platform role (admin; audited)';
  static examples = ['<%= config.bin %> users set-role 01a2... moderator'];
  static args = {
    id: Args.string({ required: true, description: 'user id' }),
    role: Args.string({ required: true, options: ['user', 'moderator', 'admin'] }),
  };

  async run() {
    const { args } = await this.parse(UsersSetRole);
    const user = await (
      await this.client()
    ).request('PUT', `/admin/users/${encodeURIComponent(args.id)}/role`, { role: args.role });
    this.log(`${user.username} is now ${user.role}`);
    return user;
  }
}
