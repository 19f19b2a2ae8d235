import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsMembers extends ParleyCommand {
  static description = "List a conversation's members in join order (moderator)";
  static examples = ['<%= config.bin %> conversations members 01a2... --json'];
  static args = { id: Args.string({ required: true, description: 'conversation id' }) };
  static flags = { limit: Flags.integer({ default: 100, min: 1, max: 500 }), cursor: Flags.string() };

  async run() {
    const { args, flags } = await this.parse(ConversationsMembers);
    const query = new URLSearchParams({
      limit: String(flags.limit),
      ...(flags.cursor ? { cursor: flags.cursor } : {}),
    });
    const page = await (
      await this.client()
    ).request('GET', `/admin/conversations/${encodeURIComponent(args.id)}/members?${query}`);
    this.table(page.data, ['userId', 'role', 'joinedAt', 'lastReadSeq']);
    if (page.nextCursor) this.log(`more: --cursor ${page.nextCursor}`);
    return page;
  }
}
