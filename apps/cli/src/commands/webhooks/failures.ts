import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksFailures extends ParleyCommand {
  static description = "A webhook's failed attempts, newest first (admin)";
  static examples = [
    '<%= config.bin %> webhooks failures 01a2...',
    '<%= config.bin %> webhooks failures 01a2... --limit 5',
  ];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };
  static flags = { limit: Flags.integer({ min: 1, max: 500, default: 50, description: 'at most this many' }) };

  async run() {
    const { args, flags } = await this.parse(WebhooksFailures);
    const page = await (
      await this.client()
    ).request('GET', `/admin/webhooks/${encodeURIComponent(args.id)}/failures?limit=${flags.limit}`);
    this.table(page.data, ['at', 'conversationId', 'eventSeq', 'status', 'error']);
    return page.data;
  }
}
