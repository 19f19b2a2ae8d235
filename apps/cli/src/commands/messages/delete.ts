import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class MessagesDelete extends ParleyCommand {
  static description = 'Delete a message for everyone, with a reason (moderator; audited)';
  static examples = ['<%= config.bin %> messages delete 01a2... --reason "doxxing"'];
  static args = { id: Args.string({ required: true, description: 'message id' }) };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(MessagesDelete);
    await (
      await this.client()
    ).request('POST', `/admin/messages/${encodeURIComponent(args.id)}/delete`, { reason: flags.reason });
    this.log(`Deleted message ${args.id}`);
    return { deleted: args.id, reason: flags.reason };
  }
}
