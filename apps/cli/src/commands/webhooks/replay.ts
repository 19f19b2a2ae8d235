import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksReplay extends ParleyCommand {
  static description = "Deliver a conversation's events again from an eventSeq on, with their own ids (admin; audited)";
  static examples = [
    '<%= config.bin %> webhooks replay 01a2... --from 120',
    '<%= config.bin %> webhooks replay 01a2... --from 1 --conversation 01b3...',
  ];
  static args = { id: Args.string({ required: true, description: 'webhook id' }) };
  static flags = {
    from: Flags.integer({ required: true, min: 1, description: 'the first eventSeq to deliver again' }),
    conversation: Flags.string({ description: 'which conversation (needed unless the webhook names only one)' }),
  };

  async run() {
    const { args, flags } = await this.parse(WebhooksReplay);
    const replay = await (
      await this.client()
    ).request('POST', `/admin/webhooks/${encodeURIComponent(args.id)}/replay`, {
      from: flags.from,
      ...(flags.conversation ? { conversationId: flags.conversation } : {}),
    });
    this.log(`Replaying conversation ${replay.conversationId} from eventSeq ${replay.from}`);
    return replay;
  }
}
