import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../../moderation/index.js';
import { withDeliveryLease } from '../policies/delivery-lease.js';
import { adminsWebhook, type AdminDeps } from '../policies/webhook-admin.js';

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
