import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsDelete extends ParleyCommand {
  static description = 'Delete a conversation for everyone (moderator; audited)';
  static examples = ['<%= config.bin %> conversations delete 01a2... --reason "spam ring"'];
  static args = { id: Args.string({ required: true, description: 'conversation id' }) };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(ConversationsDelete);
    const result = await (
      await this.client()
    ).request('POST', `/admin/conversations/${encodeURIComponent(args.id)}/delete`, { reason: flags.reason });
    this.log(`Deleted ${args.id} for everyone`);
    return result ?? { id: args.id, deleted: true };
  }
}
