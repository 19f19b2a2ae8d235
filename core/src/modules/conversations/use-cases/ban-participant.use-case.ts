import { MAX_BAN_REASON, type ConversationBan } from '../domain/ban.js';
import { outranks } from '../domain/participant.js';
import { withArticle } from '../domain/policy.js';
import { isActiveUser } from '../../identity/index.js';
import { conflict, forbidden, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { clampLimit } from '../../../shared/validate.js';
import type { Page } from '../../../shared/page.js';
import type { Ports } from '../../../ports.js';
import { recordEvent } from '../../delivery/index.js';
import { depart, type DepartDeps } from '../policies/depart.js';
import { authorize } from '../policies/membership.js';
import { laterDate } from '../policies/until.js';

type Deps = DepartDeps & Pick<Ports, 'users' | 'conversationBans' | 'invites'>;

/**
 * An owner or admin bans someone from a group or channel, for good or until a time: a member is taken out
 * (their devices learn at once, `conversation.left` with reason `banned`), a pending join request is
 * dropped, and they cannot come back by public join, invite link, join request or being added while it
 * holds. Anyone can be banned, member or not, except someone of the actor's rank or above. Banning again
 * replaces the time and reason.
 */
export class BanParticipant {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
    until?: unknown;
    reason?: unknown;
  }): Promise<Result<ConversationBan, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.ban');
    if (!access.ok) return access;
    const now = this.deps.clock.now();
    const until = laterDate(input.until, 'until', now);
    if (!until.ok) return until;
    const reason = input.reason ?? null;
    if (reason !== null && (typeof reason !== 'string' || reason.length > MAX_BAN_REASON))
      return err(invalid('reason', `must be a string of at most ${MAX_BAN_REASON} characters`));
    if (input.userId === input.actorId) return err(conflict('cannot_ban_yourself', 'you cannot ban yourself'));
    if (!isActiveUser(await this.deps.users.findById(input.userId))) return err(notFound('user'));
    const { conversation, participant: actor } = access.value;
    const target = await this.deps.participants.find(conversation.id, input.userId);
    const member = target?.state === 'active' ? target : null;
    if (member && !outranks(actor.role, member.role))
      return err(forbidden('not_allowed', `${withArticle(actor.role)} may not ban ${withArticle(member.role)}`));
    const ban: ConversationBan = {
      conversationId: conversation.id,
      userId: input.userId,
      bannedBy: input.actorId,
      reason: reason as string | null,
      until: until.value,
      createdAt: now,
    };
    // The ban first: from here on no path lets them in, so the removal below cannot be undone by a join.
    await this.deps.conversationBans.put(ban);
    await this.deps.invites.takeRequest(conversation.id, input.userId);
    if (member) await depart(this.deps, conversation, member, input.actorId, 'banned', ban.until);
    await recordEvent(this.deps, conversation.id, input.actorId, {
      type: 'participant.banned',
      userId: input.userId,
      until: ban.until,
    });
    return ok(ban);
  }
}

/** Lifts a ban (owners and admins); idempotent. They are not added back: they may join again. */
export class UnbanParticipant {
  constructor(private readonly deps: Deps) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    userId: string;
  }): Promise<Result<{ banned: false }, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.ban');
    if (!access.ok) return access;
    if (await this.deps.conversationBans.remove(input.conversationId, input.userId))
      await recordEvent(this.deps, input.conversationId, input.actorId, {
        type: 'participant.unbanned',
        userId: input.userId,
      });
    return ok({ banned: false });
  }
}

/** The bans of a conversation that still hold, by user id (owners and admins). */
export class ListBans {
  constructor(private readonly deps: Pick<Ports, 'conversations' | 'participants' | 'conversationBans' | 'clock'>) {}

  async execute(input: {
    actorId: string;
    conversationId: string;
    cursor?: string;
    limit?: number;
  }): Promise<Result<Page<ConversationBan>, DomainError>> {
    const access = await authorize(this.deps, input.conversationId, input.actorId, 'participant.ban');
    if (!access.ok) return access;
    const limit = clampLimit(input.limit, 100, 500);
    const rows = await this.deps.conversationBans.list(input.conversationId, {
      afterUserId: input.cursor,
      limit: limit + 1,
    });
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    const now = this.deps.clock.now().getTime();
    return ok({
      // An expired ban is not listed; the cursor still moves past it.
      data: page.filter((ban) => ban.until === null || ban.until.getTime() > now),
      nextCursor: more ? page.at(-1)!.userId : null,
    });
  }
}
