import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsReopen extends ParleyCommand {
  static description = 'Reopen a conversation a moderator shut (moderator; audited)';
  static examples = ['<%= config.bin %> conversations reopen 01a2... --reason "spam ring"'];
  static args = { id: Args.string({ required: true, description: 'conversation id' }) };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(ConversationsReopen);
    const result = await (
      await this.client()
    ).request('POST', `/admin/conversations/${encodeURIComponent(args.id)}/reopen`, { reason: flags.reason });
    this.log(`Reopened ${args.id}`);
    return result;
  }
}
