import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class HeldReject extends ParleyCommand {
  static description = 'Reject a held message: it is never posted; its sender is told (moderator; audited)';
  static examples = ['<%= config.bin %> held reject 01a2... --reason "spam"'];
  static args = { id: Args.string({ required: true, description: 'held message id (see held list)' }) };
  static flags = { reason: Flags.string({ description: 'why (goes to the audit log)' }) };

  async run() {
    const { args, flags } = await this.parse(HeldReject);
    const review = await (
      await this.client()
    ).request(
      'POST',
      `/admin/held-messages/${encodeURIComponent(args.id)}/reject`,
      flags.reason ? { reason: flags.reason } : {},
    );
    this.log('Rejected');
    return review;
  }
}
