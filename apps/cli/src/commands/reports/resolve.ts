import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class ReportsResolve extends ParleyCommand {
  static description = 'Resolve a report as dismissed or actioned (moderator; audited)';
  static examples = [
    '<%= config.bin %> reports resolve 01a2... --resolution actioned --note "message removed, user banned"',
  ];
  static args = { id: Args.string({ required: true, description: 'report id' }) };
  static flags = {
    resolution: Flags.string({ required: true, options: ['dismissed', 'actioned'] }),
    note: Flags.string(),
  };

  async run() {
    const { args, flags } = await this.parse(ReportsResolve);
    const report = await (
      await this.client()
    ).request('POST', `/admin/reports/${encodeURIComponent(args.id)}/resolve`, {
      resolution: flags.resolution,
      ...(flags.note ? { note: flags.note } : {}),
    });
    this.log(`Report ${report.id} ${report.resolution}`);
    return report;
  }
}
