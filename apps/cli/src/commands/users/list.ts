import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersList extends ParleyCommand {
  static description = 'List users (moderator)';
  static examples = ['<%= config.bin %> users list --banned', '<%= config.bin %> users list --role moderator --json'];
  static flags = {
    role: Flags.string({ options: ['user', 'moderator', 'admin'] }),
    banned: Flags.boolean({ allowNo: true }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
    cursor: Flags.string({ description: 'nextCursor of a previous page' }),
  };

  async run() {
    const { flags } = await this.parse(UsersList);
    const query = new URLSearchParams({
      limit: String(flags.limit),
      ...(flags.role ? { role: flags.role } : {}),
      ...(flags.banned !== undefined ? { banned: String(flags.banned) } : {}),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/users?${query}`);
    this.table(page.data, ['id', 'username', 'email', 'role', 'bannedAt']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
