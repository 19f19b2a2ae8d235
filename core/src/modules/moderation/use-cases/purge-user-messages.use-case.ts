import { eraseMessage, type EraseDeps } from '../../messaging/index.js';
import type { JobOutcome } from '../../delivery/index.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import type { Purge } from '../domain/purge.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

/** How many of the person's messages the job reads at a time (its progress moves once per page). */
const PAGE = 100;

const when = (value: unknown, field: string): Result<Date | null, DomainError> => {
  if (value === undefined || value === null) return ok(null);
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? ok(date) : err(invalid(field, 'must be an ISO 8601 date-time'));
};

/**
 * A moderator purges a person's messages across every conversation, all of them or those sent in
 * [since, until): one `moderation.purge` job does it (RunPurge), its row shows the progress
 * (GET /admin/purges/:id, `parley users purge --wait`). Audited when asked.
 */
export class StartPurge {
  constructor(
    private readonly deps: Pick<Ports, 'users' | 'messages' | 'purges' | 'jobs' | 'audit' | 'ids' | 'clock'>,
  ) {}

  async execute(input: {
    actorId: string;
    userId: string;
    reason?: unknown;
    since?: unknown;
    until?: unknown;
  }): Promise<Result<Purge, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: true });
    if (!issues.empty || reason === undefined) return err(invalid(issues.list));
    const [since, until] = [when(input.since, 'since'), when(input.until, 'until')];
    if (!since.ok) return since;
    if (!until.ok) return until;
    if (since.value && until.value && since.value >= until.value)
      return err(conflict('empty_window', 'since must come before until'));
    const user = await this.deps.users.findById(input.userId);
    if (!user || user.erasedAt) return err(notFound('user'));
    const now = this.deps.clock.now();
    const purge: Purge = {
      id: this.deps.ids.next(),
      userId: user.id,
      requestedBy: input.actorId,
      reason,
      since: since.value,
      until: until.value,
      state: 'queued',
      scanned: 0,
      total: await this.deps.messages.countBySender(user.id),
      erased: 0,
      createdAt: now,
      updatedAt: now,
      finishedAt: null,
    };
    await this.deps.purges.create(purge);
    await this.deps.jobs.enqueue('moderation.purge', { purgeId: purge.id }, { id: `purge:${purge.id}` });
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'user.messages_purged',
      targetType: 'user',
      targetId: user.id,
      reason,
      data: { purgeId: purge.id, since: since.value?.toISOString() ?? null, until: until.value?.toISOString() ?? null },
    });
    return ok(purge);
  }
}

/** A purge and how far it got (moderators). */
export class GetPurge {
  constructor(private readonly deps: Pick<Ports, 'users' | 'purges'>) {}

  async execute(input: { actorId: string; purgeId: string }): Promise<Result<Purge, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const purge = await this.deps.purges.find(input.purgeId);
    return purge ? ok(purge) : err(notFound('purge'));
  }
}

/**
 * The `moderation.purge` job: pages through the person's messages (oldest first) and deletes for everyone
 * each one in the window that is not deleted yet, as a moderator's delete does (tombstone, `message.deleted`
 * live). Progress is stored after every page. Run again (a retry after a crash), it starts over and skips
 * what is already deleted, so nothing is done twice.
 */
export class RunPurge {
  constructor(private readonly deps: EraseDeps & Pick<Ports, 'purges'>) {}

  async execute(input: { purgeId: string }): Promise<Result<JobOutcome, DomainError>> {
    const purge = await this.deps.purges.find(input.purgeId);
    if (!purge) return err(notFound('purge'));
    if (purge.state === 'done') return ok('ack');
    await this.deps.purges.update(purge.id, { state: 'running', updatedAt: this.deps.clock.now() });
    let [scanned, erased] = [0, 0];
    let afterId: string | undefined;
    for (;;) {
      const page = await this.deps.messages.listBySender(purge.userId, {
        limit: PAGE,
        ...(afterId ? { afterId } : {}),
      });
      for (const message of page) {
        const at = message.createdAt.getTime();
        const inWindow = (!purge.since || at >= purge.since.getTime()) && (!purge.until || at < purge.until.getTime());
        if (inWindow && !message.deletedAt && message.type !== 'system') {
          await eraseMessage(this.deps, message, purge.requestedBy);
          erased += 1;
        }
      }
      scanned += page.length;
      await this.deps.purges.update(purge.id, { scanned, erased, updatedAt: this.deps.clock.now() });
      if (page.length < PAGE) break;
      afterId = page.at(-1)!.id;
    }
    const now = this.deps.clock.now();
    await this.deps.purges.update(purge.id, { state: 'done', scanned, erased, updatedAt: now, finishedAt: now });
    return ok('ack');
  }
}
