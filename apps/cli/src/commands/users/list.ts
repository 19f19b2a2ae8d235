import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class UsersList extends ParleyCommand {
  static description = 'List users, or find them by e-mail or the start of a username or name (moderator)';
  static examples = [
    '<%= config.bin %> users list --banned',
    '<%= config.bin %> users list --role moderator --json',
    '<%= config.bin %> users list --find ann@example.com',
  ];
  static flags = {
    role: Flags.string({ options: ['user', 'moderator', 'admin'] }),
    banned: Flags.boolean({ allowNo: true }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
    cursor: Flags.string({ description: 'nextCursor of a previous page' }),
    find: Flags.string({ description: 'an exact e-mail address, or the start of a username or display name' }),
  };

  async run() {
    const { flags } = await this.parse(UsersList);
    const query = new URLSearchParams({
      limit: String(flags.limit),
      ...(flags.role ? { role: flags.role } : {}),
      ...(flags.banned !== undefined ? { banned: String(flags.banned) } : {}),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
      ...(flags.find ? { q: flags.find } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/users?${query}`);
    this.table(page.data, ['id', 'username', 'email', 'role', 'bannedAt', 'bannedUntil']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
