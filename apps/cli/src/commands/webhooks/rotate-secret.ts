import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksRotateSecret extends ParleyCommand {
  static description =
    'A new signing secret, printed once; the old one still signs for --keep-hours (default 24) (admin; audited)';
  static examples = [
    '<%= config.bin %> webhooks rotate-secret 01a2...',
    '<%= config.bin %> webhooks rotate-secret 01a2... --keep-hours 0',
  ];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };
  static flags = {
    'keep-hours': Flags.integer({ min: 0, max: 168, default: 24, description: 'how long the old secret still signs' }),
  };

  async run() {
    const { args, flags } = await this.parse(WebhooksRotateSecret);
    const rotated = await (
      await this.client()
    ).request('POST', `/admin/webhooks/${encodeURIComponent(args.id)}/secret`, {
      keepOldForMs: flags['keep-hours'] * 3_600_000,
    });
    this.log('The new signing secret, shown this once:');
    this.log(rotated.secret);
    return rotated;
  }
}
