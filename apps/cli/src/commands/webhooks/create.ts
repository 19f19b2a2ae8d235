import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class WebhooksCreate extends ParleyCommand {
  static description =
    'Subscribe an HTTPS endpoint to the events of conversations, or of every group and channel (admin; audited): ' +
    'prints its signing secret, once';
  static examples = [
    '<%= config.bin %> webhooks create https://hooks.example.com/parley --conversation 01a2... --conversation 01b3...',
    '<%= config.bin %> webhooks create https://hooks.example.com/parley --platform --event message.created',
  ];
  static args = { url: Args.string({ required: true, description: 'where deliveries are posted (HTTPS)' }) };
  static flags = {
    conversation: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'a conversation whose events it gets (repeat)',
    }),
    platform: Flags.boolean({ description: 'every group and channel instead (never direct conversations)' }),
    event: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'only this event type (repeat; default: every type)',
    }),
    description: Flags.string({ description: 'what it is for' }),
  };

  async run() {
    const { args, flags } = await this.parse(WebhooksCreate);
    const made = await (
      await this.client()
    ).request('POST', '/admin/webhooks', {
      url: args.url,
      ...(flags.platform ? { platform: true } : { conversationIds: flags.conversation ?? [] }),
      ...(flags.event ? { eventTypes: flags.event } : {}),
      ...(flags.description ? { description: flags.description } : {}),
    });
    this.log(`Webhook ${made.webhook.id} made. Its signing secret, shown this once:`);
    this.log(made.secret);
    return made;
  }
}
