import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class InvitesList extends ParleyCommand {
  static description = "List a conversation's invite links, the newest first, with use counts and state (moderator)";
  static examples = ['<%= config.bin %> invites list 01a2... --json'];
  static args = { conversationId: Args.string({ required: true, description: 'conversation id' }) };

  async run() {
    const { args } = await this.parse(InvitesList);
    const page = await (
      await this.client()
    ).request('GET', `/admin/conversations/${encodeURIComponent(args.conversationId)}/invites`);
    this.table(page.data, [
      'code',
      'name',
      'state',
      'useCount',
      'usageLimit',
      'expiresAt',
      'requiresApproval',
      'createdBy',
    ]);
    return page;
  }
}
