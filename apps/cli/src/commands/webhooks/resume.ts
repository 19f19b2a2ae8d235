import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksResume extends ParleyCommand {
  static description = 'Resume a webhook: what waited is posted at once, in order (admin; audited)';
  static examples = ['<%= config.bin %> webhooks resume 01a2...'];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };

  async run() {
    const { args } = await this.parse(WebhooksResume);
    const hook = await (
      await this.client()
    ).request('PATCH', `/admin/webhooks/${encodeURIComponent(args.id)}`, { state: 'active' });
    this.log(`Webhook ${hook.id} is ${hook.state}`);
    return hook;
  }
}
