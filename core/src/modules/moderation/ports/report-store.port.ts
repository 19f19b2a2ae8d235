import type { Report, ReportResolution, ReportStatus } from '../domain/moderation.js';

export const ReportStore = Symbol.for('ReportStore');

export interface ReportStore {
  /** Stores the report unless the reporter has an open report on the message; false then. */
  create(report: Report): Promise<boolean>;
  /** The report, or null. */
  findById(id: string): Promise<Report | null>;
  /** Reports newest first (createdAt desc, id desc), optionally by status, after a cursor. */
  list(query: { status?: ReportStatus; before?: { createdAt: Date; id: string }; limit: number }): Promise<Report[]>;
  /** Resolves an open report atomically; null if it is missing or already resolved. */
  resolve(
    id: string,
    resolution: { resolution: ReportResolution; note: string | null; by: string; at: Date },
  ): Promise<Report | null>;
  /** Reports filed by the user. */
  listByReporter(reporterId: string): Promise<Report[]>;
  /** How many reports are open. */
  countOpen(): Promise<number>;
}
