import { toExportedMessage, type ExportedMessage } from '../../messaging/index.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';
import type { Page } from '../../../shared/page.js';

/** One page of a user's messages for a GDPR export too large for one response (admins). */
export class ExportUserMessages {
  constructor(private readonly deps: Pick<Ports, 'users' | 'messages'>) {}

  async execute(input: {
    actorId: string;
    userId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<ExportedMessage>, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    if (!(await this.deps.users.findById(input.userId))) return err(notFound('user'));
    const limit = clampLimit(input.limit, 500, 1000);
    const rows = await this.deps.messages.listBySender(input.userId, {
      limit: limit + 1,
      ...(input.cursor ? { afterId: input.cursor } : {}),
    });
    const data = rows.slice(0, limit);
    return ok({
      data: data.map((m) => toExportedMessage(m, input.userId)),
      nextCursor: rows.length > limit ? data.at(-1)!.id : null,
    });
  }
}
