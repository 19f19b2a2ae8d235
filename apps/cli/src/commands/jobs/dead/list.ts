import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../../base-command.js';

export default class JobsDeadList extends ParleyCommand {
  static description =
    'List dead jobs of a job name, oldest first: failed on every attempt, given up by their handler, or kept killing ' +
    'their worker';
  static examples = [
    '<%= config.bin %> jobs dead list media.process',
    '<%= config.bin %> jobs dead list notify.message --limit 10 --json',
  ];
  static args = {
    name: Args.string({
      required: true,
      options: ['media.process', 'notify.message', 'retention.sweep'],
      description: 'job name',
    }),
  };
  static flags = { limit: Flags.integer({ min: 1, max: 500, default: 50 }) };

  async run() {
    const { args, flags } = await this.parse(JobsDeadList);
    const page = await (
      await this.client()
    ).request('GET', `/admin/jobs/${encodeURIComponent(args.name)}/dead?limit=${flags.limit}`);
    if (page.data.length === 0) this.log(`No dead ${args.name} jobs.`);
    else
      this.table(
        page.data.map((job: { payload: unknown }) => ({ ...job, payload: JSON.stringify(job.payload) })),
        ['id', 'attempt', 'diedAt', 'reason', 'payload'],
      );
    return page;
  }
}
