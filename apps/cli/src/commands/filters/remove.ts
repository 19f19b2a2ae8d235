import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class FiltersRemove extends ParleyCommand {
  static description = 'Remove a word or link filter (moderator; audited)';
  static examples = ['<%= config.bin %> filters remove 01a2...'];
  static args = { id: Args.string({ required: true, description: 'filter id (see filters list)' }) };

  async run() {
    const { args } = await this.parse(FiltersRemove);
    await (await this.client()).request('DELETE', `/admin/filters/${encodeURIComponent(args.id)}`);
    this.log(`Filter ${args.id} removed`);
    return { removed: args.id };
  }
}
