import { Flags } from '@oclif/core';
import { ParleyCommand } from '../base-command.js';
import { CliError, EXIT, ParleyClient } from '../client.js';
import { readSecret } from '../secret-input.js';

export default class Login extends ParleyCommand {
  static description =
    'Sign in to a Parley API and remember the session in your config directory. The password is read from ' +
    'PARLEY_PASSWORD, else asked for without echo (or read from standard input when it is not a terminal); it is ' +
    'never a flag, ' +
    'which npm and shells would print or keep in history. An account with two-factor sign-in is asked for a code ' +
    'from its authenticator app (or a recovery code) next, or takes it from PARLEY_OTP.';
  static examples = [
    '<%= config.bin %> login --url https://chat.example.com --login mod@example.com',
    'PARLEY_PASSWORD="$(pass parley)" <%= config.bin %> login --login mod@example.com',
  ];
  static flags = {
    url: Flags.string({ description: 'API base URL', default: process.env.PARLEY_URL ?? 'http://localhost:3000' }),
    login: Flags.string({ description: 'email or username', required: true }),
  };

  async run() {
    const { flags } = await this.parse(Login);
    const password = process.env.PARLEY_PASSWORD || (await readSecret(`Password for ${flags.login}: `));
    if (!password) throw new CliError('a password is required: type it when asked, or set PARLEY_PASSWORD', EXIT.usage);
    const askCode = async () =>
      process.env.PARLEY_OTP || (await readSecret('Code from your authenticator app (or a recovery code): '));
    const client = await ParleyClient.login(flags.url, flags.login, password, this.store, askCode);
    this.log(`Signed in to ${flags.url} as ${client.user.username} (${client.user.role})`);
    return { url: flags.url, user: client.user };
  }
}
