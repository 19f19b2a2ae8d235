import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../../moderation/index.js';
import type { ConversationEventType } from '../../delivery/index.js';
import { WEBHOOK_EVENT_TYPES, type IntegrationWebhook } from '../domain/webhook.js';

/** What every admin operation on webhooks needs: who may, the webhooks, the audit trail, ids and time. */
export type AdminDeps = Pick<Ports, 'users' | 'integrationWebhooks' | 'audit' | 'ids' | 'clock'>;

/** A signing secret, given out once (when a webhook is made and at each rotation). */
export const newSecret = (ids: Ports['ids']) => `whsec_${ids.secret()}${ids.secret()}`;

/** The event types a webhook asks for (null: every type), or null with an issue added. */
export function readEventTypes(issues: Issues, raw: unknown): ConversationEventType[] | null {
  if (raw === undefined || raw === null) return null;
  if (
    !Array.isArray(raw) ||
    raw.length === 0 ||
    !raw.every((t) => (WEBHOOK_EVENT_TYPES as readonly unknown[]).includes(t))
  ) {
    issues.add('eventTypes', `must be a non-empty list of: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    return null;
  }
  return [...new Set(raw as ConversationEventType[])];
}

/** The admin's webhook, or not found; the admin role is required for every webhook operation. */
export async function adminsWebhook(
  deps: AdminDeps,
  actorId: string,
  id: string,
): Promise<Result<IntegrationWebhook, DomainError>> {
  const staff = await requireStaff(deps.users, actorId, 'admin');
  if (!staff.ok) return staff;
  const webhook = await deps.integrationWebhooks.findById(id);
  return webhook ? ok(webhook) : err(notFound('webhook'));
}
