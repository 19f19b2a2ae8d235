import type { AuditEntry } from '../domain/moderation.js';
import type { Ports } from '../../../ports.js';

/** Appends one moderator action to the audit log. */
export async function audit(
  deps: Pick<Ports, 'audit' | 'ids' | 'clock'>,
  entry: Omit<AuditEntry, 'id' | 'createdAt' | 'data' | 'reason'> & {
    reason?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await deps.audit.append({ id: deps.ids.next(), createdAt: deps.clock.now(), reason: null, data: {}, ...entry });
}
