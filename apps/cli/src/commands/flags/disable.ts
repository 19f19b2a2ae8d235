import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class FlagsDisable extends ParleyCommand {
  static description = 'Disable a feature for everyone (admin; audited)';
  static examples = ['<%= config.bin %> flags disable reactions'];
  static args = { name: Args.string({ required: true, description: 'flag name (see flags list)' }) };

  async run() {
    const { args } = await this.parse(FlagsDisable);
    const flag = await (
      await this.client()
    ).request('PUT', `/admin/flags/${encodeURIComponent(args.name)}`, { enabled: false });
    this.log(`${flag.name} is now ${flag.enabled ? 'on' : 'off'}`);
    return flag;
  }
}
