import { Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

export default class AuditList extends ParleyCommand {
  static description = 'Read the audit log of moderator actions, newest first (moderator)';
  static examples = ['<%= config.bin %> audit list', '<%= config.bin %> audit list --target 01a2... --json'];
  static flags = {
    target: Flags.string({ description: 'only entries about this user, message, report or flag' }),
    actor: Flags.string({ description: 'only entries by this moderator' }),
    limit: Flags.integer({ default: 50, min: 1, max: 200 }),
  };

  async run() {
    const { flags } = await this.parse(AuditList);
    const query = new URLSearchParams({
      limit: String(flags.limit),
      ...(flags.target ? { targetId: flags.target } : {}),
      ...(flags.actor ? { actorId: flags.actor } : {}),
    });
    const page = await (await this.client()).request('GET', `/admin/audit?${query}`);
    this.table(page.data, ['createdAt', 'actorId', 'action', 'targetType', 'targetId', 'reason']);
    return page;
  }
}
