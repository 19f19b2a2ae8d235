import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class HeldList extends ParleyCommand {
  static description = 'List messages a filter held for review, oldest first (moderator)';
  static examples = ['<%= config.bin %> held list', '<%= config.bin %> held list --state rejected --json'];
  static flags = {
    state: Flags.string({ options: ['held', 'approved', 'rejected'], default: 'held' }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
    cursor: Flags.string(),
  };

  async run() {
    const { flags } = await this.parse(HeldList);
    const query = new URLSearchParams({
      state: flags.state,
      limit: String(flags.limit),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/held-messages?${query}`);
    const rows = page.data.map((h: { draft: { content: string | null } }) => ({ ...h, content: h.draft.content }));
    this.table(rows, ['id', 'conversationId', 'senderId', 'content', 'filterIds', 'state', 'heldAt']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
