import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { audit } from '../../moderation/index.js';
import { webhookView, type WebhookView } from '../domain/webhook.js';
import { adminsWebhook, newSecret, type AdminDeps } from '../policies/webhook-admin.js';

/** How long a rotated-out secret still signs, unless the rotation says otherwise; and the longest it may. */
const KEEP_OLD_SECRET_MS = 24 * 60 * 60 * 1000;
const MAX_KEEP_OLD_SECRET_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A new signing secret, given out once. The one it replaces still signs for `keepOldForMs` (default 24 hours, at
 * most 7 days; 0: not at all), so each delivery carries both signatures while receivers switch over.
 */
export class RotateWebhookSecret {
  constructor(private readonly deps: AdminDeps) {}

  async execute(input: {
    actorId: string;
    id: string;
    keepOldForMs?: unknown;
  }): Promise<Result<{ secret: string; webhook: WebhookView }, DomainError>> {
    const found = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!found.ok) return found;
    const keep = input.keepOldForMs === undefined ? KEEP_OLD_SECRET_MS : input.keepOldForMs;
    if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 0 || keep > MAX_KEEP_OLD_SECRET_MS)
      return err(invalid('keepOldForMs', `must be a whole number of milliseconds, 0-${MAX_KEEP_OLD_SECRET_MS}`));
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + keep);
    const secret = newSecret(this.deps.ids);
    const kept = found.value.secrets
      .map((s) => ({ ...s, expiresAt: s.expiresAt && s.expiresAt < until ? s.expiresAt : until }))
      .filter((s) => s.expiresAt > now);
    const updated = await this.deps.integrationWebhooks.update(input.id, {
      secrets: [{ secret, createdAt: now, expiresAt: null }, ...kept],
      updatedAt: now,
    });
    if (!updated) return err(notFound('webhook'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'webhook.secret_rotated',
      targetType: 'webhook',
      targetId: input.id,
      data: { oldSecretsUntil: keep > 0 ? until : null },
    });
    return ok({ secret, webhook: webhookView(updated) });
  }
}
