import { catches, MAX_FILTERS, readFilterSpec, type ContentFilter, type FilterSpec } from '../domain/content-filter.js';
import type { Conversation } from '../../conversations/index.js';
import type { Message } from '../../messaging/index.js';
import { conflict, invalid, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { Ports } from '../../../ports.js';
import type { OwnWrites } from '../../delivery/index.js';
import { audit } from '../policies/audit.js';
import { requireStaff } from '../policies/guards.js';

type FilterDeps = Pick<Ports, 'users' | 'contentFilters' | 'audit' | 'ids' | 'clock'>;

/** The platform's word and link filters, for moderators. */
export class ListContentFilters {
  constructor(private readonly deps: Pick<Ports, 'users' | 'contentFilters'>) {}

  async execute(input: { actorId: string }): Promise<Result<ContentFilter[], DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    return ok(await this.deps.contentFilters.list());
  }
}

/**
 * A moderator adds a word or link filter: from the moment it is acknowledged, every node screens new
 * messages, edits, forwards and scheduled messages with it (the AccessView drops its cached list). Audited.
 */
export class AddContentFilter {
  constructor(private readonly deps: FilterDeps) {}

  async execute(input: {
    actorId: string;
    kind?: unknown;
    pattern?: unknown;
    action?: unknown;
    note?: unknown;
  }): Promise<Result<ContentFilter, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const spec = readFilterSpec(input);
    if (!spec.ok) return spec;
    if ((await this.deps.contentFilters.list()).length >= MAX_FILTERS)
      return err(conflict('too_many_filters', `there are already ${MAX_FILTERS} filters; remove some first`));
    const filter: ContentFilter = {
      ...spec.value,
      id: this.deps.ids.next(),
      createdBy: input.actorId,
      createdAt: this.deps.clock.now(),
    };
    if (!(await this.deps.contentFilters.add(filter)))
      return err(conflict('filter_exists', `a ${filter.kind} filter for "${filter.pattern}" exists`));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'filter.added',
      targetType: 'filter',
      targetId: filter.id,
      reason: filter.note,
      data: { kind: filter.kind, pattern: filter.pattern, action: filter.action },
    });
    return ok(filter);
  }
}

/** A moderator removes a filter; audited. */
export class RemoveContentFilter {
  constructor(private readonly deps: FilterDeps) {}

  async execute(input: { actorId: string; filterId: string; reason?: unknown }): Promise<Result<true, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const issues = new Issues();
    const reason = issues.text('reason', input.reason, { max: 500 }) ?? null;
    if (!issues.empty) return err(invalid(issues.list));
    const filter = (await this.deps.contentFilters.list()).find((f) => f.id === input.filterId);
    if (!filter || !(await this.deps.contentFilters.remove(filter.id))) return err(notFound('filter'));
    await audit(this.deps, {
      actorId: input.actorId,
      action: 'filter.removed',
      targetType: 'filter',
      targetId: filter.id,
      reason,
      data: { kind: filter.kind, pattern: filter.pattern, action: filter.action },
    });
    return ok(true);
  }
}

export const DEFAULT_DRY_RUN = 1000;
export const MAX_DRY_RUN = 10_000;
/** How many of the caught messages a dry run lists (it counts them all). */
export const MAX_DRY_RUN_SHOWN = 100;

export interface CaughtMessage {
  messageId: string;
  conversationId: string;
  senderId: string;
  createdAt: Date;
  /** The message's text, up to 200 characters. */
  excerpt: string;
}

export interface DryRun {
  filter: FilterSpec;
  /** How many messages were looked at: the latest `last` on the platform (fewer if there are fewer). */
  scanned: number;
  /** How many of them the filter would have caught. */
  caught: number;
  /** The caught ones, newest first, at most 100. */
  messages: CaughtMessage[];
}

/**
 * What a filter would have caught in the platform's latest messages, before anyone adds it: nothing is
 * stored, nothing audited. The latest N messages are found without a platform-wide time index: the
 * conversations are walked by their latest message (newest first) and each one's newest messages read
 * until no conversation left can hold a message newer than the N-th found. Deleted messages are skipped.
 */
export class TryContentFilter {
  constructor(private readonly deps: Pick<Ports, 'users' | 'conversations' | 'messages'> & { ownWrites: OwnWrites }) {}

  async execute(input: {
    actorId: string;
    kind?: unknown;
    pattern?: unknown;
    action?: unknown;
    last?: unknown;
  }): Promise<Result<DryRun, DomainError>> {
    const staff = await requireStaff(this.deps.users, input.actorId);
    if (!staff.ok) return staff;
    const spec = readFilterSpec(input);
    if (!spec.ok) return spec;
    const last = input.last ?? DEFAULT_DRY_RUN;
    if (typeof last !== 'number' || !Number.isInteger(last) || last < 1 || last > MAX_DRY_RUN)
      return err(invalid('last', `must be a whole number from 1 to ${MAX_DRY_RUN}`));
    // This process's activity marks land first, so a message it just took is found by its conversation's mark.
    await this.deps.ownWrites.settle();
    const recent = await latestMessages(this.deps, input.actorId, last);
    const caught = recent.filter((m) => catches(spec.value, { texts: textsOf(m) }));
    return ok({
      filter: spec.value,
      scanned: recent.length,
      caught: caught.length,
      messages: caught.slice(0, MAX_DRY_RUN_SHOWN).map((m) => ({
        messageId: m.id,
        conversationId: m.conversationId,
        senderId: m.senderId,
        createdAt: m.createdAt,
        excerpt: (m.content ?? '').slice(0, 200),
      })),
    });
  }
}

const textsOf = (m: Message): (string | null)[] => [m.content, ...(m.poll?.options.map((o) => o.text) ?? [])];

const newer = (a: Message, b: Message): boolean =>
  a.createdAt.getTime() !== b.createdAt.getTime() ? a.createdAt > b.createdAt : a.id > b.id;

/** The platform's latest `count` live messages, newest first. */
async function latestMessages(
  deps: Pick<Ports, 'conversations' | 'messages'>,
  viewerId: string,
  count: number,
): Promise<Message[]> {
  let found: Message[] = [];
  const oldestKept = (): Date | null => (found.length >= count ? found[count - 1]!.createdAt : null);
  let cursor: { at: Date; id: string } | undefined;
  for (;;) {
    const page: Conversation[] = await deps.conversations.listByLastMessage({ before: cursor, limit: 50 });
    for (const conversation of page) {
      const floor = oldestKept();
      // Every conversation from here on last had a message before the N-th newest found: done.
      if (floor && conversation.lastMessageAt! < floor) return found.slice(0, count);
      found = mergeNewest(found, await newestOf(deps, conversation.id, viewerId, count, floor), count);
    }
    if (page.length < 50) return found.slice(0, count);
    const tail = page.at(-1)!;
    cursor = { at: tail.lastMessageAt!, id: tail.id };
  }
}

/** A conversation's newest live messages, at most `count`, none older than `floor`. */
async function newestOf(
  deps: Pick<Ports, 'messages'>,
  conversationId: string,
  viewerId: string,
  count: number,
  floor: Date | null,
): Promise<Message[]> {
  const out: Message[] = [];
  let before: number | undefined;
  while (out.length < count) {
    const page = await deps.messages.page(conversationId, {
      ...(before !== undefined ? { before } : {}),
      limit: 100,
      viewerId,
    });
    for (const m of page) {
      if (floor && m.createdAt < floor) return out;
      if (!m.deletedAt && m.type !== 'system') out.push(m);
    }
    if (page.length < 100) return out;
    before = page.at(-1)!.seq;
  }
  return out;
}

function mergeNewest(a: Message[], b: Message[], count: number): Message[] {
  return [...a, ...b].sort((x, y) => (newer(x, y) ? -1 : 1)).slice(0, count);
}
