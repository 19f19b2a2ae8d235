import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { eraseMessage } from '../../messaging/index.js';

export interface RetentionRules {
  /** Deleted-for-everyone messages keep no data past this (they are tombstoned at deletion already). */
  purgeDeletedAfterMs: number;
  /** Uploads never attached to a message are removed after this. */
  unattachedMediaAfterMs: number;
  /** Only one sweep per lease period runs, however many workers ask. */
  leaseMs: number;
  batch: number;
}

export const DEFAULT_RETENTION_RULES: RetentionRules = {
  purgeDeletedAfterMs: 30 * 86_400_000,
  unattachedMediaAfterMs: 86_400_000,
  leaseMs: 5 * 60_000,
  batch: 500,
};

export interface RetentionReport {
  ran: boolean;
  purged: number;
  expired: number;
  mediaRemoved: number;
  sessionsRemoved: number;
  /** Sync tokens past their 30 days (MongoDB's TTL index removes them too; FerretDB has none). */
  syncSnapshotsRemoved: number;
  /** Notification claims past their 30 days. */
  notificationClaimsRemoved: number;
}

/**
 * The retention.sweep job: purges leftovers of deleted messages, deletes messages older than their
 * conversation's retention setting (with message.deleted events), removes uploads never attached, and drops
 * expired refresh-token families, sync snapshots and notification claims. A lease taken through the (atomic)
 * RateLimiter makes concurrent workers safe: only one sweep runs per lease period. Each step is idempotent and
 * bounded by `batch`.
 */
export class RunRetention {
  constructor(
    private readonly deps: Pick<
      Ports,
      | 'messages'
      | 'conversations'
      | 'media'
      | 'blobs'
      | 'sessions'
      | 'accountTokens'
      | 'twoFactor'
      | 'syncSnapshots'
      | 'notificationLog'
      | 'reactions'
      | 'pins'
      | 'editHistory'
      | 'polls'
      | 'threads'
      | 'events'
      | 'publisher'
      | 'rateLimiter'
      | 'clock'
      | 'logger'
    >,
    private readonly rules: RetentionRules = DEFAULT_RETENTION_RULES,
  ) {}

  async execute(): Promise<Result<RetentionReport, DomainError>> {
    const now = this.deps.clock.now();
    const lease = await this.deps.rateLimiter.hit('lease:retention', { limit: 1, windowMs: this.rules.leaseMs }, now);
    if (!lease.allowed)
      return ok({
        ran: false,
        purged: 0,
        expired: 0,
        mediaRemoved: 0,
        sessionsRemoved: 0,
        syncSnapshotsRemoved: 0,
        notificationClaimsRemoved: 0,
      });
    const at = (ms: number) => new Date(now.getTime() - ms);

    let purged = 0;
    for (const message of await this.deps.messages.listDeletedBefore(
      at(this.rules.purgeDeletedAfterMs),
      this.rules.batch,
    )) {
      await this.deps.messages.update(message.id, {
        content: null,
        attachmentIds: [],
        metadata: { mentions: [], links: [] },
      });
      purged += 1;
    }

    let expired = 0;
    for (const conversation of await this.deps.conversations.listWithRetention()) {
      const days = conversation.settings.retentionDays ?? 0;
      for (const message of await this.deps.messages.listCreatedBefore(
        conversation.id,
        at(days * 86_400_000),
        this.rules.batch,
      )) {
        await eraseMessage(this.deps, message, 'system');
        expired += 1;
      }
    }

    let mediaRemoved = 0;
    for (const media of await this.deps.media.listUnattachedBefore(
      at(this.rules.unattachedMediaAfterMs),
      this.rules.batch,
    )) {
      for (const key of [media.storageKey, ...media.thumbnails.map((t) => t.storageKey)])
        await this.deps.blobs.delete(key);
      await this.deps.media.delete(media.id);
      mediaRemoved += 1;
    }

    const sessionsRemoved = await this.deps.sessions.deleteExpired(now);
    const accountLinksRemoved = await this.deps.accountTokens.deleteExpired(now);
    const secondFactorsRemoved = await this.deps.twoFactor.deleteExpired(now);
    const syncSnapshotsRemoved = await this.deps.syncSnapshots.deleteExpired(now, this.rules.batch);
    const notificationClaimsRemoved = await this.deps.notificationLog.deleteExpired(now, this.rules.batch);
    const report = {
      ran: true,
      purged,
      expired,
      mediaRemoved,
      sessionsRemoved,
      accountLinksRemoved,
      secondFactorsRemoved,
      syncSnapshotsRemoved,
      notificationClaimsRemoved,
    };
    this.deps.logger.info('retention sweep', { ...report });
    return ok(report);
  }
}
