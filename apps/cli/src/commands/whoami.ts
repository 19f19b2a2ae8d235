import { ParleyCommand } from '../base-command.js';

export default class Whoami extends ParleyCommand {
  static description = 'Show who you are signed in as, and where';
  static examples = ['<%= config.bin %> whoami', '<%= config.bin %> whoami --json'];

  async run() {
    await this.parse(Whoami);
    const client = await this.client();
    const me = await client.request('GET', '/auth/me');
    this.log(`${me.username} (${me.role}) <${me.email}> on ${(await this.store.load())?.url}`);
    return me;
  }
}
