import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

interface Purge {
  id: string;
  state: 'queued' | 'running' | 'done';
  scanned: number;
  total: number;
  erased: number;
}

export default class UsersPurge extends ParleyCommand {
  static description =
    "Delete a user's messages in every conversation, all or sent in a window, as one job; shows its progress " +
    '(moderator; audited)';
  static examples = [
    '<%= config.bin %> users purge 01a2... --reason "spam wave"',
    '<%= config.bin %> users purge 01a2... --reason "raid" --since 2026-12-01T10:00:00Z --until 2026-12-01T12:00:00Z',
  ];
  static args = { id: Args.string({ required: true, description: 'user id' }) };
  static flags = {
    reason: Flags.string({ required: true, description: 'why (goes to the audit log)' }),
    since: Flags.string({ description: 'only messages sent at or after this ISO 8601 time' }),
    until: Flags.string({ description: 'only messages sent before this ISO 8601 time' }),
    wait: Flags.boolean({ default: true, allowNo: true, description: 'follow the job until it is done' }),
  };

  async run() {
    const { args, flags } = await this.parse(UsersPurge);
    const client = await this.client();
    let purge: Purge = await client.request('POST', `/admin/users/${encodeURIComponent(args.id)}/purge`, {
      reason: flags.reason,
      ...(flags.since ? { since: flags.since } : {}),
      ...(flags.until ? { until: flags.until } : {}),
    });
    this.log(`Purge ${purge.id} queued`);
    while (flags.wait && purge.state !== 'done') {
      await new Promise((r) => setTimeout(r, 200));
      purge = await client.request('GET', `/admin/purges/${encodeURIComponent(purge.id)}`);
      this.progress(purge);
    }
    if (flags.wait) {
      process.stderr.write('\n');
      this.log(`Deleted ${purge.erased} of ${purge.scanned} messages`);
    }
    return purge;
  }

  /** A one-line progress bar on stderr, so --json output on stdout stays clean. */
  private progress(purge: Purge): void {
    const width = 30;
    const ratio = purge.total === 0 ? 1 : Math.min(1, purge.scanned / purge.total);
    const filled = Math.round(ratio * width);
    process.stderr.write(
      `\rPurging messages [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${purge.scanned}/${purge.total}`,
    );
  }
}
