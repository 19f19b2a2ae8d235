import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsList extends ParleyCommand {
  static description = 'List conversations of any kind, deleted ones included (moderator)';
  static examples = ['<%= config.bin %> conversations list --kind channel'];
  static flags = {
    kind: Flags.string({ options: ['direct', 'group', 'channel'] }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
    cursor: Flags.string(),
  };

  async run() {
    const { flags } = await this.parse(ConversationsList);
    const query = new URLSearchParams({
      limit: String(flags.limit),
      ...(flags.kind ? { kind: flags.kind } : {}),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/conversations?${query}`);
    this.table(page.data, ['id', 'kind', 'name', 'createdBy', 'lastActivityAt', 'deletedAt']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
