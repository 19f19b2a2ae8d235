import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsShut extends ParleyCommand {
  static description = 'Shut a conversation: everyone can read it, nobody can post (moderator; audited)';
  static examples = ['<%= config.bin %> conversations shut 01a2... --reason "spam ring"'];
  static args = { id: Args.string({ required: true, description: 'conversation id' }) };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(ConversationsShut);
    const result = await (
      await this.client()
    ).request('POST', `/admin/conversations/${encodeURIComponent(args.id)}/shut`, { reason: flags.reason });
    this.log(`Shut ${args.id}: it can be read, not written to`);
    return result;
  }
}
