import type { AuditEntry } from '../domain/moderation.js';

export const AuditStore = Symbol.for('AuditStore');

export interface AuditStore {
  /** Appends an entry; entries are never changed or removed. */
  append(entry: AuditEntry): Promise<void>;
  /** Entries newest first (createdAt desc, id desc), optionally for one target or actor. */
  list(query: {
    targetId?: string;
    actorId?: string;
    before?: { createdAt: Date; id: string };
    limit: number;
  }): Promise<AuditEntry[]>;
}
