import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { webhookProblem } from '../../../shared/webhook-url.js';
import { audit, requireStaff } from '../../moderation/index.js';
import type { ConversationEventType } from '../../delivery/index.js';
import {
  WEBHOOK_EVENT_TYPES,
  webhookView,
  type IntegrationWebhook,
  type WebhookFailure,
  type WebhookScope,
  type WebhookView,
} from '../domain/webhook.js';
import { withDeliveryLease } from '../policies/delivery-lease.js';

/** At most this many conversations named by one webhook (more: subscribe to the platform). */
export const MAX_WEBHOOK_CONVERSATIONS = 1000;
/** How long a rotated-out secret still signs, unless the rotation says otherwise; and the longest it may. */
const KEEP_OLD_SECRET_MS = 24 * 60 * 60 * 1000;
const MAX_KEEP_OLD_SECRET_MS = 7 * 24 * 60 * 60 * 1000;

type AdminDeps = Pick<Ports, 'users' | 'integrationWebhooks' | 'audit' | 'ids' | 'clock'>;

const newSecret = (ids: Ports['ids']) => `whsec_${ids.secret()}${ids.secret()}`;

function readEventTypes(issues: Issues, raw: unknown): ConversationEventType[] | null {
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
async function adminsWebhook(
  deps: AdminDeps,
  actorId: string,
  id: string,
): Promise<Result<IntegrationWebhook, DomainError>> {
  const staff = await requireStaff(deps.users, actorId, 'admin');
  if (!staff.ok) return staff;
  const webhook = await deps.integrationWebhooks.findById(id);
  return webhook ? ok(webhook) : err(notFound('webhook'));
}

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

/** The webhooks, by id (admins). */
export class ListIntegrationWebhooks {
  constructor(private readonly deps: AdminDeps) {}

  async execute(input: {
    actorId: string;
    afterId?: string;
    limit?: number;
  }): Promise<Result<WebhookView[], DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId, 'admin');
    if (!staff.ok) return staff;
    const list = await this.deps.integrationWebhooks.list({
      ...(input.afterId ? { afterId: input.afterId } : {}),
      limit: Math.min(Math.max(input.limit ?? 50, 1), 100),
    });
    return ok(list.map(webhookView));
  }
}

export interface WebhookProgress {
  conversationId: string;
  deliveredThrough: number;
  lastEventSeq: number;
  failures: number;
  retryAt: Date | null;
  lastError: string | null;
}

/** A webhook with how far it got in each conversation (the first 100) and what is still to go. */
export class GetIntegrationWebhook {
  constructor(private readonly deps: AdminDeps & Pick<Ports, 'conversations' | 'webhookDeliveries'>) {}

  async execute(input: {
    actorId: string;
    id: string;
  }): Promise<Result<WebhookView & { progress: WebhookProgress[] }, DomainError>> {
    const webhook = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!webhook.ok) return webhook;
    const cursors = await this.deps.webhookDeliveries.cursors(input.id, { limit: 100 });
    const conversations = await this.deps.conversations.findManyByIds(cursors.map((c) => c.conversationId));
    const progress = cursors.map((c) => ({
      conversationId: c.conversationId,
      deliveredThrough: c.deliveredThrough,
      lastEventSeq: conversations.find((x) => x.id === c.conversationId)?.lastEventSeq ?? c.deliveredThrough,
      failures: c.failures,
      retryAt: c.retryAt,
      lastError: c.lastError,
    }));
    return ok({ ...webhookView(webhook.value), progress });
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

/**
 * Delivers a conversation's events again from eventSeq `from` on, in order, with their own ids (so a receiver that
 * keeps what it handled can tell), and then whatever follows. The conversation may be left out when the webhook
 * names exactly one. It waits for a delivery round in that conversation to finish (a few seconds at most).
 */
export class ReplayIntegrationWebhook {
  constructor(
    private readonly deps: AdminDeps & Pick<Ports, 'conversations' | 'webhookDeliveries' | 'notificationLog'>,
  ) {}

  async execute(input: {
    actorId: string;
    id: string;
    conversationId?: unknown;
    from?: unknown;
  }): Promise<Result<{ conversationId: string; from: number }, DomainError>> {
    const found = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!found.ok) return found;
    const { scope } = found.value;
    const from = input.from;
    if (typeof from !== 'number' || !Number.isInteger(from) || from < 1)
      return err(invalid('from', 'must be an eventSeq, 1 or more'));
    const named =
      scope.kind === 'conversations' && scope.conversationIds.length === 1 ? scope.conversationIds[0] : undefined;
    const conversationId = input.conversationId ?? named;
    if (typeof conversationId !== 'string' || !conversationId)
      return err(invalid('conversationId', 'is required: the webhook covers more than one conversation'));
    const conversation = await this.deps.conversations.findById(conversationId);
    const covered =
      scope.kind === 'conversations' ? scope.conversationIds.includes(conversationId) : conversation?.kind !== 'direct';
    if (!conversation || !covered) return err(notFound('conversation'));
    const now = this.deps.clock.now();
    const done = await withDeliveryLease(this.deps, input.id, conversationId, { waitMs: 5_000 }, async () => {
      const cursor = {
        webhookId: input.id,
        conversationId,
        deliveredThrough: from - 1,
        failures: 0,
        retryAt: null,
        lastError: null,
        updatedAt: now,
      };
      await this.deps.webhookDeliveries.start(cursor);
      await this.deps.webhookDeliveries.save(cursor);
    });
    if (!done) return err(conflict('delivery_busy', 'a delivery round holds this conversation; try again'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'webhook.replayed',
      targetType: 'webhook',
      targetId: input.id,
      data: { conversationId, from },
    });
    return ok({ conversationId, from });
  }
}

/** A webhook's failed attempts, newest first. */
export class ListWebhookFailures {
  constructor(private readonly deps: AdminDeps & Pick<Ports, 'webhookDeliveries'>) {}

  async execute(input: {
    actorId: string;
    id: string;
    limit?: number;
  }): Promise<Result<WebhookFailure[], DomainError>> {
    const found = await adminsWebhook(this.deps, input.actorId, input.id);
    if (!found.ok) return found;
    return ok(await this.deps.webhookDeliveries.failures(input.id, Math.min(Math.max(input.limit ?? 50, 1), 500)));
  }
}
