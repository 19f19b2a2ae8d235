import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import { webhookProblem } from '../../../shared/webhook-url.js';
import type { Ports } from '../../../ports.js';
import type { JobOutcome } from '../../delivery/index.js';
import type { BotWebhook } from '../domain/bot.js';
import { tgUpdate } from '../domain/bot-api-json.js';
import { BOT_UPDATE_KINDS, type BotUpdate } from '../domain/bot-update.js';
import { botApiUpdates, type BotViewDeps } from '../policies/bot-views.js';
import { readAllowed, type BotPrincipal } from './bot-api.use-case.js';

const SECRET = /^[A-Za-z0-9_-]{1,256}$/;
/** How long one delivery round may hold a bot's webhook before another may take it over. */
const LEASE_MS = 120_000;

type WebhookDeps = Pick<Ports, 'bots' | 'botUpdates' | 'jobs' | 'clock'>;

/** Forgets every queued update of the bot (drop_pending_updates). */
async function dropPending(deps: Pick<Ports, 'botUpdates'>, botId: string): Promise<void> {
  const pending = await deps.botUpdates.list(botId, 0, Number.MAX_SAFE_INTEGER);
  if (pending.length) await deps.botUpdates.confirm(botId, pending.at(-1)!.updateId + 1);
}

/**
 * setWebhook: the bot's updates are posted to this URL from now on (getUpdates refuses while it is set); an empty
 * URL removes it. `secret_token` goes with each post; `drop_pending_updates` forgets what is queued.
 */
export class SetBotWebhook {
  constructor(
    private readonly deps: WebhookDeps,
    private readonly config: Pick<CoreConfig, 'botWebhooks'>,
  ) {}

  async execute(input: {
    principal: BotPrincipal;
    url?: unknown;
    secretToken?: unknown;
    allowedUpdates?: unknown;
    maxConnections?: unknown;
    dropPendingUpdates?: boolean;
  }): Promise<Result<true, DomainError>> {
    const botId = input.principal.bot.userId;
    const url = typeof input.url === 'string' ? input.url.trim() : '';
    if (input.dropPendingUpdates) await dropPending(this.deps, botId);
    if (!url) {
      await this.deps.bots.update(botId, { webhook: null });
      return ok(true);
    }
    const problem = webhookProblem(url, this.config.botWebhooks);
    if (problem) return err(invalid('url', problem));
    const secret = input.secretToken;
    if (
      secret !== undefined &&
      secret !== null &&
      secret !== '' &&
      (typeof secret !== 'string' || !SECRET.test(secret))
    )
      return err(invalid('secret_token', 'must be 1-256 letters, digits, _ or -'));
    const allowed = input.allowedUpdates === undefined ? null : readAllowed(input.allowedUpdates);
    if (typeof allowed === 'string') return err(invalid('allowed_updates', allowed));
    const max = input.maxConnections === undefined || input.maxConnections === '' ? 40 : Number(input.maxConnections);
    if (!Number.isInteger(max) || max < 1 || max > 100) return err(invalid('max_connections', 'must be 1-100'));
    const webhook: BotWebhook = {
      url,
      secretToken: typeof secret === 'string' && secret ? secret : null,
      allowedUpdates: allowed,
      maxConnections: max,
      setAt: this.deps.clock.now(),
      lastErrorAt: null,
      lastErrorMessage: null,
    };
    await this.deps.bots.update(botId, { webhook });
    // What waited for getUpdates goes to the webhook now.
    await this.deps.jobs.enqueue(
      'bot.webhook',
      { botId },
      { id: `bot.webhook:${botId}:set:${webhook.setAt.getTime()}` },
    );
    return ok(true);
  }
}

/** getWebhookInfo: where updates go, how many wait, and the last delivery error. */
export class GetBotWebhookInfo {
  constructor(private readonly deps: Pick<Ports, 'bots' | 'botUpdates'>) {}

  async execute(input: { principal: BotPrincipal }): Promise<
    Result<
      {
        url: string;
        pendingUpdateCount: number;
        maxConnections?: number;
        allowedUpdates?: string[];
        lastErrorAt?: Date;
        lastErrorMessage?: string;
      },
      DomainError
    >
  > {
    const bot = await this.deps.bots.findByUserId(input.principal.bot.userId);
    const pending = (await this.deps.botUpdates.list(input.principal.bot.userId, 0, 100_000)).length;
    const hook = bot?.webhook;
    if (!hook) return ok({ url: '', pendingUpdateCount: pending });
    return ok({
      url: hook.url,
      pendingUpdateCount: pending,
      maxConnections: hook.maxConnections,
      ...(hook.allowedUpdates ? { allowedUpdates: hook.allowedUpdates } : {}),
      ...(hook.lastErrorAt ? { lastErrorAt: hook.lastErrorAt, lastErrorMessage: hook.lastErrorMessage ?? '' } : {}),
    });
  }
}

/**
 * The bot.webhook job: posts the bot's queued updates to its webhook, one per request, in order, each confirmed by
 * a 2xx answer. An answer other than 2xx (or none) keeps it queued, notes the error (getWebhookInfo) and asks for
 * a retry (the job queue backs off). One delivery round per bot at a time (a lease); a round that finds the lease
 * taken leaves the updates to the round holding it, which looks again after it lets go.
 */
export class DeliverBotWebhook {
  constructor(
    private readonly deps: BotViewDeps &
      Pick<Ports, 'bots' | 'botUpdates' | 'conversations' | 'notificationLog' | 'botWebhooks' | 'clock'>,
  ) {}

  async execute(input: { botId: string }): Promise<Result<JobOutcome, DomainError>> {
    const lease = `bot.webhook:${input.botId}`;
    for (;;) {
      const now = this.deps.clock.now();
      if (!(await this.deps.notificationLog.claim(lease, new Date(now.getTime() + LEASE_MS), now))) return ok('ack');
      let outcome: JobOutcome;
      try {
        outcome = await this.drain(input.botId);
      } finally {
        await this.deps.notificationLog.release(lease);
      }
      if (outcome !== 'ack') return ok(outcome);
      // An update queued while this round held the lease was left to it: look once more.
      const bot = await this.deps.bots.findByUserId(input.botId);
      if (!bot?.webhook || (await this.deps.botUpdates.list(input.botId, 0, 1)).length === 0) return ok('ack');
    }
  }

  private async drain(botId: string): Promise<JobOutcome> {
    for (;;) {
      const bot = await this.deps.bots.findByUserId(botId);
      const user = bot ? await this.deps.users.findById(botId) : null;
      const hook = bot?.webhook;
      if (!bot || !user || !hook) return 'ack';
      const updates = await this.deps.botUpdates.list(botId, 0, 100);
      if (updates.length === 0) return 'ack';
      const allowed =
        hook.allowedUpdates ?? BOT_UPDATE_KINDS.filter((k) => k !== 'chat_member' && k !== 'message_reaction');
      for (const update of updates) {
        if (allowed.includes(update.kind) && !(await this.post(bot.userId, hook, user, update))) return 'retry';
        await this.deps.botUpdates.confirm(botId, update.updateId + 1);
      }
    }
  }

  private async post(
    botId: string,
    hook: BotWebhook,
    user: NonNullable<Awaited<ReturnType<Ports['users']['findById']>>>,
    update: BotUpdate,
  ): Promise<boolean> {
    const [view] = await botApiUpdates(this.deps, { bot: { userId: botId }, user }, [update]);
    const attempt = await this.deps.botWebhooks.post(hook.url, tgUpdate(view!), hook.secretToken);
    if ('status' in attempt && attempt.status >= 200 && attempt.status < 300) return true;
    const message = 'status' in attempt ? `Wrong response from the webhook: ${attempt.status}` : attempt.error;
    await this.deps.bots.update(botId, {
      webhook: { ...hook, lastErrorAt: this.deps.clock.now(), lastErrorMessage: message },
    });
    return false;
  }
}
