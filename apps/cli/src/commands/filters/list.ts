import { ParleyCommand } from '../../base-command.js';

export default class FiltersList extends ParleyCommand {
  static description = 'List the word and link filters (moderator)';
  static examples = ['<%= config.bin %> filters list', '<%= config.bin %> filters list --json'];

  async run() {
    await this.parse(FiltersList);
    const page = await (await this.client()).request('GET', '/admin/filters');
    this.table(page.data, ['id', 'kind', 'pattern', 'action', 'note', 'createdAt']);
    return page.data;
  }
}
