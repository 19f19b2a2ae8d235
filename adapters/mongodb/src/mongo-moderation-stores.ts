import type { Db, Document } from 'mongodb';
import type {
  AuditEntry,
  AuditStore,
  FeatureFlag,
  FlagName,
  FlagStore,
  Report,
  ReportResolution,
  ReportStatus,
  ReportStore,
} from '@parley/core';
import { fromDoc, isDuplicateKey, toDoc, type WriteGuard } from './support.js';

type Cursor = { createdAt: Date; id: string };
const before = (cursor?: Cursor): Document =>
  cursor
    ? { $or: [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, _id: { $lt: cursor.id } }] }
    : {};
const NEWEST_FIRST = { createdAt: -1, _id: -1 } as const;

/**
 * One open report per reporter and message: every report has an `openKey` under a unique index; while
 * open it is `reporter:message`, and resolving rewrites it to include the report id, freeing the pair.
 */
export class MongoReportStore implements ReportStore {
  private readonly reports;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.reports = db.collection('reports');
  }

  private static fromReportDoc(doc: Document | null): Report | null {
    if (!doc) return null;
    const { openKey: _key, ...rest } = doc;
    return fromDoc<Report>(rest);
  }

  async create(report: Report): Promise<boolean> {
    try {
      await this.reports.insertOne({ ...toDoc(report), openKey: `${report.reporterId}:${report.messageId}` });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<Report | null> {
    return MongoReportStore.fromReportDoc(await this.reports.findOne({ _id: id as never }));
  }

  async list(query: { status?: ReportStatus; before?: Cursor; limit: number }): Promise<Report[]> {
    const filter: Document = { ...before(query.before), ...(query.status ? { status: query.status } : {}) };
    return (await this.reports.find(filter).sort(NEWEST_FIRST).limit(query.limit).toArray()).map((d) =>
      MongoReportStore.fromReportDoc(d)!,
    );
  }

  async resolve(
    id: string,
    r: { resolution: ReportResolution; note: string | null; by: string; at: Date },
  ): Promise<Report | null> {
    return this.guard.run(`reports:${id}`, () => this.resolveOnce(id, r));
  }

  private async resolveOnce(
    id: string,
    r: { resolution: ReportResolution; note: string | null; by: string; at: Date },
  ): Promise<Report | null> {
    const current = await this.reports.findOne({ _id: id as never, status: 'open' });
    if (!current) return null;
    const doc = await this.reports.findOneAndUpdate(
      { _id: id as never, status: 'open' },
      {
        $set: {
          status: 'resolved',
          resolution: r.resolution,
          resolutionNote: r.note,
          resolvedBy: r.by,
          resolvedAt: r.at,
          openKey: `${current.openKey}:${id}`,
        },
      },
      { returnDocument: 'after' },
    );
    return MongoReportStore.fromReportDoc(doc);
  }

  async listByReporter(reporterId: string): Promise<Report[]> {
    return (await this.reports.find({ reporterId }).toArray()).map((d) => MongoReportStore.fromReportDoc(d)!);
  }

  async countOpen(): Promise<number> {
    return this.reports.countDocuments({ status: 'open' });
  }
}

export class MongoAuditStore implements AuditStore {
  private readonly entries;

  constructor(db: Db) {
    this.entries = db.collection('audit');
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.entries.insertOne(toDoc(entry));
  }

  async list(query: { targetId?: string; actorId?: string; before?: Cursor; limit: number }): Promise<AuditEntry[]> {
    const filter: Document = { ...before(query.before) };
    if (query.targetId) filter.targetId = query.targetId;
    if (query.actorId) filter.actorId = query.actorId;
    return (await this.entries.find(filter).sort(NEWEST_FIRST).limit(query.limit).toArray()).map((d) =>
      fromDoc<AuditEntry>(d)!,
    );
  }
}

export class MongoFlagStore implements FlagStore {
  private readonly flags;

  constructor(db: Db) {
    this.flags = db.collection('flags');
  }

  async get(name: FlagName): Promise<FeatureFlag | null> {
    const doc = await this.flags.findOne({ _id: name as never });
    return doc
      ? fromDoc<{ id: string } & Omit<FeatureFlag, 'name'>>(doc) && {
          name,
          enabled: doc.enabled,
          updatedBy: doc.updatedBy,
          updatedAt: doc.updatedAt,
        }
      : null;
  }

  async set(flag: FeatureFlag): Promise<void> {
    await this.flags.updateOne(
      { _id: flag.name as never },
      { $set: { enabled: flag.enabled, updatedBy: flag.updatedBy, updatedAt: flag.updatedAt } },
      { upsert: true },
    );
  }

  async list(): Promise<FeatureFlag[]> {
    return (await this.flags.find().toArray()).map((d) => ({
      name: d._id as unknown as FlagName,
      enabled: d.enabled,
      updatedBy: d.updatedBy,
      updatedAt: d.updatedAt,
    }));
  }
}
