import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksPause extends ParleyCommand {
  static description = 'Pause a webhook: nothing is posted until it is resumed (admin; audited)';
  static examples = ['<%= config.bin %> webhooks pause 01a2...'];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };

  async run() {
    const { args } = await this.parse(WebhooksPause);
    const hook = await (
      await this.client()
    ).request('PATCH', `/admin/webhooks/${encodeURIComponent(args.id)}`, { state: 'paused' });
    this.log(`Webhook ${hook.id} is ${hook.state}`);
    return hook;
  }
}
