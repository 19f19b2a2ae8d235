import { writeFile } from 'node:fs/promises';
import { Args, Flags, ux } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class GdprExport extends ParleyCommand {
  static description = "Export everything Parley holds about a user to a JSON file (admin; audited)";
  static examples = ['<%= config.bin %> gdpr export 01a2... --out ann.json'];
  static args = { user: Args.string({ required: true, description: 'user id' }) };
  static flags = { out: Flags.string({ required: true, description: 'file to write' }) };

  async run() {
    const { args, flags } = await this.parse(GdprExport);
    ux.action.start(`Exporting ${args.user}`);
    const data = await (await this.client()).request('GET', `/admin/users/${encodeURIComponent(args.user)}/export`);
    ux.action.stop(`${data.messages.length} messages, ${data.memberships.length} conversations`);
    await writeFile(flags.out, JSON.stringify(data, null, 2));
    this.log(`Wrote ${flags.out}`);
    return { file: flags.out, messages: data.messages.length, memberships: data.memberships.length, media: data.media.length };
  }
}
