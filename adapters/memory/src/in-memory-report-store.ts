import type { Report, ReportResolution, ReportStatus, ReportStore } from '@parley/core';
import { byDateDescThenIdDesc, clone, isBefore } from './clone.js';

export class InMemoryReportStore implements ReportStore {
  private readonly byId = new Map<string, Report>();

  async create(report: Report): Promise<boolean> {
    for (const r of this.byId.values())
      if (r.status === 'open' && r.reporterId === report.reporterId && r.messageId === report.messageId) return false;
    this.byId.set(report.id, clone(report));
    return true;
  }

  async findById(id: string): Promise<Report | null> {
    const report = this.byId.get(id);
    return report ? clone(report) : null;
  }

  async list(query: {
    status?: ReportStatus;
    before?: { createdAt: Date; id: string };
    limit: number;
  }): Promise<Report[]> {
    return [...this.byId.values()]
      .filter((r) => (query.status === undefined || r.status === query.status) && isBefore(r, query.before))
      .sort(byDateDescThenIdDesc)
      .slice(0, query.limit)
      .map(clone);
  }

  async resolve(
    id: string,
    resolution: { resolution: ReportResolution; note: string | null; by: string; at: Date },
  ): Promise<Report | null> {
    const report = this.byId.get(id);
    if (!report || report.status !== 'open') return null;
    Object.assign(report, {
      status: 'resolved',
      resolution: resolution.resolution,
      resolutionNote: resolution.note,
      resolvedBy: resolution.by,
      resolvedAt: resolution.at,
    });
    return clone(report);
  }

  async listByReporter(reporterId: string): Promise<Report[]> {
    return [...this.byId.values()].filter((r) => r.reporterId === reporterId).map(clone);
  }

  async countOpen(): Promise<number> {
    return [...this.byId.values()].filter((r) => r.status === 'open').length;
  }
}
