import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class PinsRemove extends ParleyCommand {
  static description = 'Unpin a message in any conversation, with a reason (moderator; audited)';
  static examples = ['<%= config.bin %> pins remove 01a2... 01b3... --reason "spam"'];
  static args = {
    conversationId: Args.string({ required: true, description: 'conversation id' }),
    messageId: Args.string({ required: true, description: 'id of the pinned message' }),
  };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(PinsRemove);
    await (
      await this.client()
    ).request(
      'POST',
      `/admin/conversations/${encodeURIComponent(args.conversationId)}` +
        `/pins/${encodeURIComponent(args.messageId)}/remove`,
      { reason: flags.reason },
    );
    this.log(`Unpinned message ${args.messageId}`);
    return { unpinned: args.messageId, conversationId: args.conversationId, reason: flags.reason };
  }
}
