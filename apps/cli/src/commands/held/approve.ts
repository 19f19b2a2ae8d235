import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class HeldApprove extends ParleyCommand {
  static description = 'Approve a held message: it is sent now, as its sender (moderator; audited)';
  static examples = ['<%= config.bin %> held approve 01a2...'];
  static args = { id: Args.string({ required: true, description: 'held message id (see held list)' }) };
  static flags = { reason: Flags.string({ description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(HeldApprove);
    const review = await (
      await this.client()
    ).request(
      'POST',
      `/admin/held-messages/${encodeURIComponent(args.id)}/approve`,
      flags.reason ? { reason: flags.reason } : {},
    );
    this.log(`Approved: sent as message ${review.message?.id}`);
    return review;
  }
}
