import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksDelete extends ParleyCommand {
  static description = 'Remove a webhook and its delivery records (admin; audited)';
  static examples = ['<%= config.bin %> webhooks delete 01a2...'];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };

  async run() {
    const { args } = await this.parse(WebhooksDelete);
    await (await this.client()).request('DELETE', `/admin/webhooks/${encodeURIComponent(args.id)}`);
    this.log(`Webhook ${args.id} removed`);
    return { deleted: args.id };
  }
}
