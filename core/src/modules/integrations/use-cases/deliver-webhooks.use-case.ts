import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import type { Conversation } from '../../conversations/index.js';
import type { ConversationEvent, OwnWrites } from '../../delivery/index.js';
import { webhookBody, webhookEventId, type IntegrationWebhook, type WebhookCursor } from '../domain/webhook.js';
import { withDeliveryLease } from '../policies/delivery-lease.js';

/** Events read from a conversation's log at a time, and delivered by one round before it lets others go. */
const PAGE = 50;
const ROUND_BUDGET = 500;
/** A platform-wide look re-reads this much activity before its mark (clocks, writes landing late). */
const SWEEP_SLACK_MS = 5_000;
/** Pairs delivered at once (each to its own receiver, or one receiver's conversations side by side). */
const CONCURRENCY = 4;

type Deps = Pick<
  Ports,
  | 'integrationWebhooks'
  | 'webhookDeliveries'
  | 'eventWebhooks'
  | 'events'
  | 'conversations'
  | 'notificationLog'
  | 'ids'
  | 'clock'
  | 'logger'
> & { ownWrites: OwnWrites };

export interface DeliveryRound {
  delivered: number;
  failed: number;
  paused: string[];
  /** Conversations passed over because another round (here or on another process) was delivering them. */
  busy: number;
}

/**
 * One delivery round of every active integration webhook (run about once a second on every process that runs
 * jobs): each conversation with events past the webhook's cursor gets them posted, one per request, in eventSeq
 * order, each signed with the webhook's secrets; a 2xx answer moves the cursor past it (an event filtered out is
 * passed over). Anything else (or no answer) is recorded as a failure, and that conversation waits (the backoff,
 * `webhooks.retryDelaysMs`) before it is tried again from the same event; `webhooks.pauseAfterFailures` failures
 * in a row pause the webhook (`failing`) until an admin resumes it. The cursor is stored after each event, under
 * the pair's lease: an event is posted again only if the process died between its 2xx and that write (at least
 * once; the receiver tells by `id`). Nothing here is lost across a restart: the cursors and the event log are
 * durable, and the next round carries on from them.
 *
 * Which conversations: the named ones whose activity marks say they have events past the cursor, each round; for
 * a platform webhook, the groups and channels with activity since its mark (kept behind any conversation it could
 * not finish), first seen from its first event after the webhook was made.
 */
export class DeliverIntegrationWebhooks {
  constructor(
    private readonly deps: Deps,
    private readonly config: Pick<CoreConfig, 'webhooks'>,
  ) {}

  async execute(): Promise<Result<DeliveryRound, DomainError>> {
    const round: DeliveryRound = { delivered: 0, failed: 0, paused: [], busy: 0 };
    // A conversation's activity marks are written just after a send is acknowledged: this process's own are
    // written now, so a round finds every message it acknowledged (another process's land within a second).
    await this.deps.ownWrites.settle();
    for (const webhook of await this.deps.integrationWebhooks.listActive()) {
      try {
        await this.deliverWebhook(webhook, round);
      } catch (error) {
        this.deps.logger.error('webhook delivery round failed', { webhookId: webhook.id, error: String(error) });
      }
    }
    return ok(round);
  }

  private async deliverWebhook(webhook: IntegrationWebhook, round: DeliveryRound): Promise<void> {
    const sweepStart = this.deps.clock.now();
    const conversations = await this.conversationsOf(webhook);
    const unfinished: Conversation[] = [];
    const queue = [...conversations];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        if (!(await this.deliverConversation(webhook, c, round))) unfinished.push(c);
        if (round.paused.includes(webhook.id)) return;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (webhook.scope.kind !== 'platform') return;
    // The mark stays behind any conversation not caught up, so the next look finds it again.
    const behind = unfinished.reduce((at, c) => Math.min(at, c.lastActivityAt.getTime()), Number.POSITIVE_INFINITY);
    const mark = Math.min(sweepStart.getTime() - SWEEP_SLACK_MS, behind);
    const swept = await this.deps.webhookDeliveries.sweptThrough(webhook.id);
    if (!swept || mark > swept.getTime()) await this.deps.webhookDeliveries.markSwept(webhook.id, new Date(mark));
  }

  /** The conversations that may have events for the webhook. */
  private async conversationsOf(webhook: IntegrationWebhook): Promise<Conversation[]> {
    if (webhook.scope.kind === 'conversations') {
      const named = await this.deps.conversations.findManyByIds(webhook.scope.conversationIds);
      return named;
    }
    const since = (await this.deps.webhookDeliveries.sweptThrough(webhook.id)) ?? webhook.createdAt;
    const found: Conversation[] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await this.deps.conversations.listByActivity({
        since,
        ...(after ? { after } : {}),
        limit: 500,
      });
      found.push(...page);
      if (page.length < 500) return found;
      after = { at: page.at(-1)!.lastActivityAt, id: page.at(-1)!.id };
    }
  }

  /** Delivers what the conversation has past the cursor; false if it is not caught up (a failure, a wait, busy). */
  private async deliverConversation(
    webhook: IntegrationWebhook,
    conversation: Conversation,
    round: DeliveryRound,
  ): Promise<boolean> {
    const known = await this.deps.webhookDeliveries.cursor(webhook.id, conversation.id);
    if (known && known.deliveredThrough >= conversation.lastEventSeq) return true;
    let caughtUp = false;
    const held = await withDeliveryLease(this.deps, webhook.id, conversation.id, { waitMs: 0 }, async () => {
      const cursor = known ?? (await this.startCursor(webhook, conversation));
      caughtUp = await this.drain(webhook, { ...cursor }, round);
    });
    if (!held) round.busy += 1;
    return held && caughtUp;
  }

  /** A platform webhook's first look at a conversation: from its first event after the webhook was made. */
  private async startCursor(webhook: IntegrationWebhook, conversation: Conversation): Promise<WebhookCursor> {
    let through = 0;
    for (;;) {
      const page = await this.deps.events.listAfter(conversation.id, through, 500);
      const first = page.find((e) => e.createdAt >= webhook.createdAt);
      if (first) {
        through = first.eventSeq - 1;
        break;
      }
      if (page.length === 0) break;
      through = page.at(-1)!.eventSeq;
    }
    return this.deps.webhookDeliveries.start({
      webhookId: webhook.id,
      conversationId: conversation.id,
      deliveredThrough: through,
      failures: 0,
      retryAt: null,
      lastError: null,
      updatedAt: this.deps.clock.now(),
    });
  }

  private async drain(webhook: IntegrationWebhook, cursor: WebhookCursor, round: DeliveryRound): Promise<boolean> {
    // Resumed (or changed) since this pair last failed: try now, counting failures afresh.
    const resumed = webhook.updatedAt > cursor.updatedAt;
    if (!resumed && cursor.retryAt && cursor.retryAt > this.deps.clock.now()) return false;
    let budget = ROUND_BUDGET;
    let failures = resumed ? 0 : cursor.failures;
    for (;;) {
      const events = await this.deps.events.listAfter(cursor.conversationId, cursor.deliveredThrough, PAGE);
      if (events.length === 0) return true;
      for (const event of events) {
        if (budget-- <= 0) return false;
        const wanted = !webhook.eventTypes || webhook.eventTypes.includes(event.payload.type);
        const failure = wanted ? await this.post(webhook, event) : null;
        const now = this.deps.clock.now();
        if (failure) {
          failures += 1;
          const delays = this.config.webhooks.retryDelaysMs;
          const delay = delays[Math.min(failures, delays.length) - 1] ?? 0;
          await this.deps.webhookDeliveries.save({
            ...cursor,
            failures,
            retryAt: new Date(now.getTime() + delay),
            lastError: failure.error,
            updatedAt: now,
          });
          await this.deps.webhookDeliveries.recordFailure({
            id: this.deps.ids.next(),
            webhookId: webhook.id,
            conversationId: cursor.conversationId,
            eventId: webhookEventId(event.conversationId, event.eventSeq),
            eventSeq: event.eventSeq,
            at: now,
            status: failure.status,
            error: failure.error,
          });
          round.failed += 1;
          if (failures >= this.config.webhooks.pauseAfterFailures) await this.pause(webhook, round);
          return false;
        }
        Object.assign(cursor, {
          deliveredThrough: event.eventSeq,
          failures: 0,
          retryAt: null,
          lastError: null,
          updatedAt: now,
        });
        failures = 0;
        await this.deps.webhookDeliveries.save(cursor);
        if (wanted) round.delivered += 1;
      }
    }
  }

  /** Posts one event; null when the receiver answered 2xx, else what went wrong. */
  private async post(
    webhook: IntegrationWebhook,
    event: ConversationEvent,
  ): Promise<{ status: number | null; error: string } | null> {
    const now = this.deps.clock.now();
    const secrets = webhook.secrets.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => s.secret);
    const body = webhookBody(webhook.id, event);
    const attempt = await this.deps.eventWebhooks.post(
      webhook.url,
      JSON.stringify(body),
      { secrets, timestamp: Math.floor(now.getTime() / 1000) },
      { 'parley-event-id': body.id, 'parley-event-type': body.type, 'parley-webhook-id': webhook.id },
    );
    if ('status' in attempt)
      return attempt.status >= 200 && attempt.status < 300
        ? null
        : { status: attempt.status, error: `the receiver answered ${attempt.status}` };
    return { status: null, error: attempt.error };
  }

  private async pause(webhook: IntegrationWebhook, round: DeliveryRound): Promise<void> {
    if (round.paused.includes(webhook.id)) return;
    round.paused.push(webhook.id);
    await this.deps.integrationWebhooks.update(webhook.id, {
      state: 'paused',
      pausedReason: 'failing',
      updatedAt: this.deps.clock.now(),
    });
    this.deps.logger.warn('webhook paused after repeated failures', { webhookId: webhook.id, url: webhook.url });
  }
}
