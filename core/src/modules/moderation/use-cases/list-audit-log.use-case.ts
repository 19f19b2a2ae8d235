import type { AuditEntry } from '../domain/moderation.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../policies/guards.js';
import type { Page } from '../../../shared/page.js';

/** The audit log for moderators, newest first, optionally for one target or actor. */
export class ListAuditLog {
  constructor(private readonly deps: Pick<Ports, 'users' | 'audit'>) {}

  async execute(input: {
    actorId: string;
    targetId?: string;
    byActorId?: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<AuditEntry>, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const cursor = decodeCursor(input.cursor);
    if (input.cursor && (!cursor || cursor.length !== 2)) return err(invalid('cursor', 'is malformed'));
    const limit = clampLimit(input.limit, 50, 200);
    const rows = await this.deps.audit.list({
      ...(input.targetId ? { targetId: input.targetId } : {}),
      ...(input.byActorId ? { actorId: input.byActorId } : {}),
      limit: limit + 1,
      ...(cursor ? { before: { createdAt: new Date(Number(cursor[0])), id: String(cursor[1]) } } : {}),
    });
    const data = rows.slice(0, limit);
    const last = data.at(-1);
    return ok({
      data,
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null,
    });
  }
}
