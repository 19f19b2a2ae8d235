import { invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { webhookProblem } from '../../../shared/webhook-url.js';
import { audit, requireStaff } from '../../moderation/index.js';
import { webhookView, type IntegrationWebhook, type WebhookScope, type WebhookView } from '../domain/webhook.js';
import { adminsWebhook, newSecret, readEventTypes, type AdminDeps } from '../policies/webhook-admin.js';

/** At most this many conversations named by one webhook (more: subscribe to the platform). */
export const MAX_WEBHOOK_CONVERSATIONS = 1000;

/**
 * An admin subscribes an endpoint to the events of chosen conversations (from their next event on) or of every
 * group and channel (`platform`: from the events after now). The signing secret is given out here, once.
 */
export class CreateIntegrationWebhook {
  constructor(
    private readonly deps: AdminDeps & Pick<Ports, 'conversations' | 'webhookDeliveries'>,
    private readonly config: Pick<CoreConfig, 'botWebhooks'>,
  ) {}

  async execute(input: {
    actorId: string;
    url?: unknown;
    conversationIds?: unknown;
    platform?: unknown;
    eventTypes?: unknown;
    description?: unknown;
  }): Promise<Result<{ webhook: WebhookView; secret: string }, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    const issues = new Issues();
    const url = issues.text('url', input.url, { min: 1, max: 2048, required: true });
    const problem = url ? webhookProblem(url, this.config.botWebhooks) : null;
    if (problem) issues.add('url', problem);
    const description = issues.text('description', input.description, { max: 200 }) ?? '';
    const eventTypes = readEventTypes(issues, input.eventTypes);
    const ids = input.conversationIds;
    const platform = input.platform === true;
    if (input.platform !== undefined && typeof input.platform !== 'boolean')
      issues.add('platform', 'must be true or false');
    if (platform && ids !== undefined) issues.add('conversationIds', 'must be left out when platform is true');
    if (
      !platform &&
      (!Array.isArray(ids) ||
        ids.length === 0 ||
        ids.length > MAX_WEBHOOK_CONVERSATIONS ||
        !ids.every((id) => typeof id === 'string'))
    )
      issues.add('conversationIds', `must list 1-${MAX_WEBHOOK_CONVERSATIONS} conversation ids, or set platform`);
    if (!issues.empty || !url) return err(invalid(issues.list));
    const now = this.deps.clock.now();
    const named = platform ? [] : [...new Set(ids as string[])];
    const conversations = await this.deps.conversations.findManyByIds(named);
    if (conversations.length !== named.length || conversations.some((c) => c.deletedAt))
      return err(notFound('conversation'));
    const scope: WebhookScope = platform ? { kind: 'platform' } : { kind: 'conversations', conversationIds: named };
    const secret = newSecret(this.deps.ids);
    const webhook: IntegrationWebhook = {
      id: this.deps.ids.next(),
      ownerId: input.actorId,
      url,
      description,
      scope,
      eventTypes,
      secrets: [{ secret, createdAt: now, expiresAt: null }],
      state: 'active',
      pausedReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.deps.integrationWebhooks.create(webhook);
    // Each named conversation from its next event on; the platform from now on.
    for (const c of conversations)
      await this.deps.webhookDeliveries.start({
        webhookId: webhook.id,
        conversationId: c.id,
        deliveredThrough: c.lastEventSeq,
        failures: 0,
        retryAt: null,
        lastError: null,
        updatedAt: now,
      });
    if (platform) await this.deps.webhookDeliveries.markSwept(webhook.id, now);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'webhook.created',
      targetType: 'webhook',
      targetId: webhook.id,
      data: { url, scope: scope.kind },
    });
    return ok({ webhook: webhookView(webhook), secret });
  }
}

/**
 * Pauses or resumes a webhook, or changes its URL, description or event types. A resumed webhook is tried again at
 * once, each conversation from where it got to (what was missed while paused comes then, in order).
 */
export class UpdateIntegrationWebhook {
  constructor(
    private readonly deps: AdminDeps,
    private readonly config: Pick<CoreConfig, 'botWebhooks'>,
  ) {}

  async execute(input: {
    actorId: string;
    id: string;
    state?: unknown;
    url?: unknown;
    description?: unknown;
    eventTypes?: unknown;
  }): Promise<Result<WebhookView, DomainError>> {
    const found = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!found.ok) return found;
    const issues = new Issues();
    if (input.state !== undefined && input.state !== 'active' && input.state !== 'paused')
      issues.add('state', 'must be active or paused');
    const url = issues.text('url', input.url, { min: 1, max: 2048 });
    const problem = url ? webhookProblem(url, this.config.botWebhooks) : null;
    if (problem) issues.add('url', problem);
    const description = issues.text('description', input.description, { max: 200 });
    const eventTypes = input.eventTypes === undefined ? undefined : readEventTypes(issues, input.eventTypes);
    if (!issues.empty) return err(invalid(issues.list));
    const state = input.state as 'active' | 'paused' | undefined;
    const updated = await this.deps.integrationWebhooks.update(input.id, {
      ...(state ? { state, pausedReason: state === 'paused' ? 'manual' : null } : {}),
      ...(url ? { url } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(eventTypes !== undefined ? { eventTypes } : {}),
      updatedAt: this.deps.clock.now(),
    });
    if (!updated) return err(notFound('webhook'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'webhook.changed',
      targetType: 'webhook',
      targetId: input.id,
      data: {
        ...(state ? { state } : {}),
        ...(url ? { url } : {}),
        ...(eventTypes !== undefined ? { eventTypes } : {}),
      },
    });
    return ok(webhookView(updated));
  }
}

/** Removes a webhook and what its deliveries kept (cursors, failures). */
export class DeleteIntegrationWebhook {
  constructor(private readonly deps: AdminDeps & Pick<Ports, 'webhookDeliveries'>) {}

  async execute(input: { actorId: string; id: string }): Promise<Result<true, DomainError>> {
    const found = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!found.ok) return found;
    await this.deps.integrationWebhooks.delete(input.id);
    await this.deps.webhookDeliveries.forget(input.id);
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'webhook.deleted',
      targetType: 'webhook',
      targetId: input.id,
    });
    return ok(true);
  }
}
