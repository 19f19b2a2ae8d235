import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ConversationsShow extends ParleyCommand {
  static description = 'Show one conversation with its member count (moderator)';
  static examples = ['<%= config.bin %> conversations show 01a2...'];
  static args = { id: Args.string({ required: true, description: 'conversation id' }) };

  async run() {
    const { args } = await this.parse(ConversationsShow);
    const conversation = await (
      await this.client()
    ).request('GET', `/admin/conversations/${encodeURIComponent(args.id)}`);
    this.table([conversation], ['id', 'kind', 'name', 'memberCount', 'lastMessageSeq', 'createdAt', 'deletedAt']);
    return conversation;
  }
}
