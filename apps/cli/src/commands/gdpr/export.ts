import { chmod, writeFile } from 'node:fs/promises';
import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class GdprExport extends ParleyCommand {
  static description =
    'Export everything Parley holds about a user to a JSON file, paging through their messages (admin; audited)';
  static examples = ['<%= config.bin %> gdpr export 01a2... --out ann.json'];
  static args = { user: Args.string({ required: true, description: 'user id' }) };
  static flags = { out: Flags.string({ required: true, description: 'file to write' }) };

  async run() {
    const { args, flags } = await this.parse(GdprExport);
    const client = await this.client();
    const id = encodeURIComponent(args.user);
    const data = await client.request('GET', `/admin/users/${id}/export?messages=none`);
    const total: number = data.messageCount;
    for (let cursor: string | null = null; ;) {
      const page: { data: unknown[]; nextCursor: string | null } = await client.request(
        'GET',
        `/admin/users/${id}/export/messages?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      data.messages.push(...page.data);
      this.progress(data.messages.length, total);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    process.stderr.write('\n');
    // Personal data: readable by the operator only (chmod too, as an existing file keeps its mode on write).
    await writeFile(flags.out, JSON.stringify(data, null, 2), { mode: 0o600 });
    await chmod(flags.out, 0o600);
    this.log(
      `Wrote ${flags.out}: ${data.messages.length} messages, ${data.memberships.length} conversations, ` +
        `${data.media.length} media`,
    );
    return {
      file: flags.out,
      messages: data.messages.length,
      memberships: data.memberships.length,
      media: data.media.length,
    };
  }

  /** A one-line progress bar on stderr, so --json output on stdout stays clean. */
  private progress(done: number, total: number): void {
    const width = 30;
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * width);
    process.stderr.write(`\rExporting messages [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  }
}
