import { ParleyCommand } from '../base-command.js';

export default class Logout extends ParleyCommand {
  static description = 'Revoke the session and forget the stored token';
  static examples = ['<%= config.bin %> logout'];

  async run() {
    await this.parse(Logout);
    const credentials = await this.store.load();
    if (credentials) await (await this.client()).logout();
    this.log(credentials ? 'Signed out' : 'Not signed in');
    return { signedOut: credentials !== null };
  }
}
