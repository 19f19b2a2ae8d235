import { Args } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class PinsList extends ParleyCommand {
  static description = "List a conversation's pinned messages, the most recently pinned first (moderator)";
  static examples = ['<%= config.bin %> pins list 01a2... --json'];
  static args = { conversationId: Args.string({ required: true, description: 'conversation id' }) };

  async run() {
    const { args } = await this.parse(PinsList);
    const page = await (
      await this.client()
    ).request('GET', `/admin/conversations/${encodeURIComponent(args.conversationId)}/pins`);
    this.table(
      page.data.map(
        (p: {
          messageId: string;
          seq: number;
          pinnedBy: string;
          pinnedAt: string;
          message: { content: string | null } | null;
        }) => ({
          messageId: p.messageId,
          seq: p.seq,
          pinnedBy: p.pinnedBy,
          pinnedAt: p.pinnedAt,
          content: p.message?.content ?? '',
        }),
      ),
      ['messageId', 'seq', 'pinnedBy', 'pinnedAt', 'content'],
    );
    return page;
  }
}
