import type { Report, ReportResolution } from '../domain/moderation.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

/** A moderator closes an open report as dismissed or actioned, with an optional note. */
export class ResolveReport {
  constructor(private readonly deps: Pick<Ports, 'users' | 'reports' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    reportId: string;
    resolution?: unknown;
    note?: unknown;
  }): Promise<Result<Report, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    if (input.resolution !== 'dismissed' && input.resolution !== 'actioned')
      issues.add('resolution', "must be 'dismissed' or 'actioned'");
    const note = issues.text('note', input.note, { max: 1000 }) ?? null;
    if (!issues.empty) return err(invalid(issues.list));
    const existing = await this.deps.reports.findById(input.reportId);
    if (!existing) return err(notFound('report'));
    const resolved = await this.deps.reports.resolve(existing.id, {
      resolution: input.resolution as ReportResolution,
      note,
      by: input.actorId,
      at: this.deps.clock.now(),
    });
    if (!resolved) return err(conflict('report_already_resolved', 'this report is already resolved'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'report.resolved',
      targetType: 'report',
      targetId: existing.id,
      reason: note,
      data: { resolution: input.resolution },
    });
    return ok(resolved);
  }
}
