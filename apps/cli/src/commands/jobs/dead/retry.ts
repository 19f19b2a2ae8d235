import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../../base-command.js';

export default class JobsDeadRetry extends ParleyCommand {
  static description =
    'Run dead jobs again from attempt 1: every dead job of the name, or only --id ones (admin; audited)';
  static examples = [
    '<%= config.bin %> jobs dead retry media.process',
    '<%= config.bin %> jobs dead retry notify.message --id notify:01a2... --id notify:01a3...',
  ];
  static args = {
    name: Args.string({
      required: true,
      options: ['media.process', 'notify.message', 'retention.sweep'],
      description: 'job name',
    }),
  };
  static flags = {
    id: Flags.string({
      multiple: true,
      description: 'a dead job id (repeatable); all dead jobs of the name when absent',
    }),
  };

  async run() {
    const { args, flags } = await this.parse(JobsDeadRetry);
    const result = await (
      await this.client()
    ).request('POST', `/admin/jobs/${encodeURIComponent(args.name)}/dead/retry`, flags.id ? { ids: flags.id } : {});
    this.log(
      `${result.retried.length} ${args.name} job(s) queued ` +
        `again${result.retried.length ? `: ${result.retried.join(', ')}` : ''}`,
    );
    return result;
  }
}
