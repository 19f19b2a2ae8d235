import { createInterface } from 'node:readline/promises';
import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';
import { CliError, EXIT } from '../../client.js';

export default class GdprErase extends ParleyCommand {
  static description =
    "Erase a user's account: profile wiped, sessions revoked, removed from every conversation (admin; audited)";
  static examples = ['<%= config.bin %> gdpr erase 01a2...', '<%= config.bin %> gdpr erase 01a2... --yes'];
  static args = { user: Args.string({ required: true, description: 'user id' }) };
  static flags = { yes: Flags.boolean({ char: 'y', description: 'do not ask for confirmation' }) };

  async run() {
    const { args, flags } = await this.parse(GdprErase);
    if (!flags.yes) {
      if (!process.stdin.isTTY) throw new CliError('refusing to erase without confirmation; pass --yes', EXIT.usage);
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      const answer = await prompt.question(`Erase user ${args.user}? This cannot be undone. Type "erase" to confirm: `);
      prompt.close();
      if (answer.trim() !== 'erase') throw new CliError('not erased', EXIT.usage);
    }
    await (await this.client()).request('POST', `/admin/users/${encodeURIComponent(args.user)}/erase`);
    this.log(`Erased ${args.user}`);
    return { erased: args.user };
  }
}
