import { ParleyCommand } from '../../base-command.js';

export default class FlagsList extends ParleyCommand {
  static description = 'List feature flags and whether each is on';
  static examples = ['<%= config.bin %> flags list'];

  async run() {
    await this.parse(FlagsList);
    const page = await (await this.client()).request('GET', '/admin/flags');
    this.table(page.data, ['name', 'enabled', 'default', 'updatedBy', 'updatedAt']);
    return page;
  }
}
