import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';

export interface Stats {
  users: number;
  messages: number;
  conversations: Record<'direct' | 'group' | 'channel', number>;
  openReports: number;
}

/** Platform totals for moderators. */
export class GetStats {
  constructor(private readonly deps: Pick<Ports, 'users' | 'messages' | 'conversations' | 'reports'>) {}

  async execute(input: { actorId: string }): Promise<Result<Stats, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const [users, messages, conversations, openReports] = await Promise.all([
      this.deps.users.count(),
      this.deps.messages.count(),
      this.deps.conversations.countByKind(),
      this.deps.reports.countOpen(),
    ]);
    return ok({ users, messages, conversations, openReports });
  }
}
