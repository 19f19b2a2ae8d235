import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksShow extends ParleyCommand {
  static description = 'Show a webhook and how far it got in each conversation (admin)';
  static examples = ['<%= config.bin %> webhooks show 01a2...'];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };

  async run() {
    const { args } = await this.parse(WebhooksShow);
    const hook = await (await this.client()).request('GET', `/admin/webhooks/${encodeURIComponent(args.id)}`);
    this.log(`${hook.id}  ${hook.state}${hook.pausedReason ? ` (${hook.pausedReason})` : ''}  ${hook.url}`);
    this.table(hook.progress, [
      'conversationId',
      'deliveredThrough',
      'lastEventSeq',
      'failures',
      'retryAt',
      'lastError',
    ]);
    return hook;
  }
}
