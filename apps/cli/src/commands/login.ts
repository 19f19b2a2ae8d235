import { Flags } from '@oclif/core';
import { ParleyCommand } from '../base-command.js';
import { CliError, EXIT, ParleyClient } from '../client.js';

export default class Login extends ParleyCommand {
  static description = 'Sign in to a Parley API and remember the session in your config directory';
  static examples = ['<%= config.bin %> login --url https://chat.example.com --login mod@example.com --password "$PARLEY_PASSWORD"'];
  static flags = {
    url: Flags.string({ description: 'API base URL', default: process.env.PARLEY_URL ?? 'http://localhost:3000' }),
    login: Flags.string({ description: 'email or username', required: true }),
    password: Flags.string({ description: 'password (or set PARLEY_PASSWORD)', env: 'PARLEY_PASSWORD' }),
  };

  async run() {
    const { flags } = await this.parse(Login);
    if (!flags.password) throw new CliError('a password is required: --password or PARLEY_PASSWORD', EXIT.usage);
    const client = await ParleyClient.login(flags.url, flags.login, flags.password, this.store);
    this.log(`Signed in to ${flags.url} as ${client.user.username} (${client.user.role})`);
    return { url: flags.url, user: client.user };
  }
}
