import { Args, Flags } from '@oclif/core';
import { ParleyCommand } from '../../base-command.js';

interface DryRun {
  scanned: number;
  caught: number;
  messages: { messageId: string; conversationId: string; senderId: string; createdAt: string; excerpt: string }[];
}

export default class FiltersAdd extends ParleyCommand {
  static description =
    'Add a word or link filter on what is posted: block refuses matching messages, hold keeps them for review ' +
    '(moderator; audited). With --dry-run, shows what it would have caught in the latest messages and adds nothing';
  static examples = [
    '<%= config.bin %> filters add casino --action hold --note "gambling spam"',
    '<%= config.bin %> filters add spam.example --kind link',
    '<%= config.bin %> filters add "free crypto" --dry-run --last 5000',
  ];
  static args = {
    pattern: Args.string({
      required: true,
      description: 'a word or phrase (a trailing * matches any ending), or for --kind link a host name',
    }),
  };
  static flags = {
    kind: Flags.string({ options: ['word', 'link'], default: 'word' }),
    action: Flags.string({ options: ['block', 'hold'], default: 'block' }),
    note: Flags.string({ description: 'why (goes to the audit log)' }),
    'dry-run': Flags.boolean({ default: false, description: 'only show what it would have caught' }),
    last: Flags.integer({ default: 1000, min: 1, max: 10_000, description: 'with --dry-run: how many messages' }),
  };

  async run() {
    const { args, flags } = await this.parse(FiltersAdd);
    const client = await this.client();
    const filter = { kind: flags.kind, pattern: args.pattern, action: flags.action };
    if (flags['dry-run']) {
      const run: DryRun = await client.request('POST', '/admin/filters/dry-run', { ...filter, last: flags.last });
      this.log(`Would have caught ${run.caught} of the latest ${run.scanned} messages`);
      this.table(run.messages, ['createdAt', 'conversationId', 'senderId', 'excerpt']);
      if (run.caught > run.messages.length) this.log(`(the newest ${run.messages.length} shown)`);
      return run;
    }
    const added = await client.request('POST', '/admin/filters', {
      ...filter,
      ...(flags.note ? { note: flags.note } : {}),
    });
    this.log(`Filter ${added.id} added: ${added.kind} "${added.pattern}" (${added.action})`);
    return added;
  }
}
