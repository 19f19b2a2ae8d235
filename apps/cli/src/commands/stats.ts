import { ParleyCommand } from '../base-command.js';

export default class Stats extends ParleyCommand {
  static description = 'Platform totals: users, messages, conversations by kind, open reports';
  static examples = ['<%= config.bin %> stats --json'];

  async run() {
    await this.parse(Stats);
    const stats = await (await this.client()).request('GET', '/admin/stats');
    this.table(
      [{ users: stats.users, messages: stats.messages, ...stats.conversations, openReports: stats.openReports }],
      ['users', 'messages', 'direct', 'group', 'channel', 'openReports'],
    );
    return stats;
  }
}
