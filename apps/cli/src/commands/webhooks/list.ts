import { ParleyCommand } from '../../base-command.js';

export default class WebhooksList extends ParleyCommand {
  static description = 'List the integration webhooks (admin)';
  static examples = ['<%= config.bin %> webhooks list', '<%= config.bin %> webhooks list --json'];

  async run() {
    await this.parse(WebhooksList);
    const page = await (await this.client()).request('GET', '/admin/webhooks');
    const rows = page.data.map((w: { scope: { kind: string; conversationIds?: string[] } }) => ({
      ...w,
      scope: w.scope.kind === 'platform' ? 'platform' : `${w.scope.conversationIds?.length ?? 0} conversations`,
    }));
    this.table(rows, ['id', 'state', 'pausedReason', 'scope', 'url', 'description']);
    return page.data;
  }
}
