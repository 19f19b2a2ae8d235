import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class MessagesShow extends ParleyCommand {
  static description = 'Show any message as stored, tombstones included (moderator)';
  static examples = ['<%= config.bin %> messages show 01a2...'];
  static args = { id: Args.string({ required: true, description: 'message id' }) };

  async run() {
    const { args } = await this.parse(MessagesShow);
    const message = await (await this.client()).request('GET', `/admin/messages/${encodeURIComponent(args.id)}`);
    this.table([message], ['id', 'conversationId', 'seq', 'senderId', 'type', 'content', 'createdAt', 'deletedAt']);
    return message;
  }
}
