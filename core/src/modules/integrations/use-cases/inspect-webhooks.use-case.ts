import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { requireStaff } from '../../moderation/index.js';
import { webhookView, type WebhookFailure, type WebhookView } from '../domain/webhook.js';
import { adminsWebhook, type AdminDeps } from '../policies/webhook-admin.js';

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
