import type { AuditEntry, AuditStore } from '@parley/core';
import { byDateDescThenIdDesc, clone, isBefore } from './clone.js';

export class InMemoryAuditStore implements AuditStore {
  private readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<void> {
    this.entries.push(clone(entry));
  }

  async list(query: {
    targetId?: string;
    actorId?: string;
    before?: { createdAt: Date; id: string };
    limit: number;
  }): Promise<AuditEntry[]> {
    return this.entries
      .filter(
        (e) =>
          (query.targetId === undefined || e.targetId === query.targetId) &&
          (query.actorId === undefined || e.actorId === query.actorId) &&
          isBefore(e, query.before),
      )
      .sort(byDateDescThenIdDesc)
      .slice(0, query.limit)
      .map(clone);
  }
}
