import { laterDate, withArticle } from '../../conversations/index.js';
import { toPrivateUser, type PrivateUser } from '../../identity/index.js';
import { forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

/**
 * Bans (revoking every session at once) or unbans a user, for good or until a time (a temporary ban: the first
 * sign-in after it ends lifts it). Moderators may ban users; only admins may ban moderators; nobody bans an
 * admin or themselves. Audited, with the end.
 */
export class SetUserBan {
  constructor(private readonly deps: Pick<Ports, 'users' | 'sessions' | 'audit' | 'ids' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    userId: string;
    banned: boolean;
    reason?: unknown;
    /** ISO 8601 time in the future the ban ends at; absent or null: until lifted. */
    until?: unknown;
  }): Promise<Result<PrivateUser, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { min: 1, max: 500, required: input.banned }) ?? null;
    if (!issues.empty) return err(invalid(issues.list));
    const ends = input.banned ? laterDate(input.until, 'until', this.deps.clock.now()) : ok(null);
    if (!ends.ok) return ends;
    const target = await this.deps.users.findById(input.userId);
    if (!target || target.erasedAt) return err(notFound('user'));
    if (target.id === input.actorId) return err(forbidden('cannot_ban_self', 'you cannot ban yourself'));
    if (target.role === 'admin' || (target.role === 'moderator' && staff.value.role !== 'admin'))
      return err(
        forbidden('insufficient_role', `${withArticle(staff.value.role)} may not ban ${withArticle(target.role)}`),
      );
    const now = this.deps.clock.now();
    const updated = await this.deps.users.update(
      target.id,
      input.banned
        ? { bannedAt: now, banReason: reason, bannedUntil: ends.value, updatedAt: now }
        : { bannedAt: null, banReason: null, bannedUntil: null, updatedAt: now },
    );
    if (!updated) return err(notFound('user'));
    if (input.banned) await this.deps.sessions.revokeAllForUser(target.id, now);
    await audit(this.deps, {
      actorId: input.actorId,
      action: input.banned ? 'user.banned' : 'user.unbanned',
      targetType: 'user',
      targetId: target.id,
      reason,
      ...(ends.value ? { data: { until: ends.value.toISOString() } } : {}),
    });
    return ok(toPrivateUser(updated));
  }
}
