import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ReportsList extends ParleyCommand {
  static description = 'List reported messages, newest first (moderator)';
  static examples = ['<%= config.bin %> reports list', '<%= config.bin %> reports list --status resolved --json'];
  static flags = {
    status: Flags.string({ options: ['open', 'resolved'], default: 'open' }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
    cursor: Flags.string(),
  };

  async run() {
    const { flags } = await this.parse(ReportsList);
    const query = new URLSearchParams({
      status: flags.status,
      limit: String(flags.limit),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/reports?${query}`);
    this.table(page.data, ['id', 'messageId', 'reportedUserId', 'reason', 'status', 'createdAt']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
