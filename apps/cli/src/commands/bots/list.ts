import { ParleyCommand } from '../../base-command.js';

export default class BotsList extends ParleyCommand {
  static description = 'List the bots you own';
  static examples = ['<%= config.bin %> bots list', '<%= config.bin %> bots list --json'];

  async run() {
    await this.parse(BotsList);
    const page = await (await this.client()).request('GET', '/bots');
    this.table(page.data, ['id', 'username', 'displayName', 'privacy', 'tokenIssuedAt']);
    return page.data;
  }
}
