import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class InvitesRevoke extends ParleyCommand {
  static description = 'Revoke an invite link of any conversation, with a reason (moderator; audited)';
  static examples = ['<%= config.bin %> invites revoke 01a2... Xy3... --reason "posted on a spam forum"'];
  static args = {
    conversationId: Args.string({ required: true, description: 'conversation id' }),
    code: Args.string({ required: true, description: 'the invite code' }),
  };
  static flags = { reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(InvitesRevoke);
    const link = await (
      await this.client()
    ).request(
      'POST',
      `/admin/conversations/${encodeURIComponent(args.conversationId)}/invites/${encodeURIComponent(args.code)}/revoke`,
      { reason: flags.reason },
    );
    this.log(`Revoked invite ${args.code} (used ${link.useCount} time(s))`);
    return link;
  }
}
