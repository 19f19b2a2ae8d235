import type { FilterShape, QueryShape } from './query-shapes.js';
import { describeShape } from './query-shapes.js';
import { INDEXES } from './indexes.js';

/**
 * How Parley's collections are sharded on a MongoDB cluster (docs/scaling.md), as data: the check below holds
 * every query the stores send (recorded by ShapeRecorder while the store contracts and the Cucumber suite run)
 * to it, so the plan is one that can be built and that the code keeps to.
 */
export interface ShardedCollection {
  /** The shard key's fields in order; `hashed`: the single field is hashed. */
  key: string[];
  hashed?: boolean;
  why: string;
  /**
   * Correctness rests on `_id` being unique (insert-only rows): a sharded cluster checks `_id` only within a
   * shard, so every insert's `_id` must contain its shard key value (equal `_id`s land on one shard), or (a
   * string) the reason one `_id` can only ever come with one shard key value.
   */
  uniqueId: boolean | string;
  /** Shapes allowed to go to every shard, each with its reason: background sweeps and rare admin reads. */
  scatter: { shape: RegExp; why: string }[];
}

const sweep = 'the retention sweep: background, a bounded batch per pass (MongoDB also has the TTL index)';

export const SHARD_PLAN: Record<string, ShardedCollection> = {
  log: {
    key: ['conversationId'],
    why:
      'every hot query names one conversation; both unique indexes (position, idempotency) start with it; a ' +
      'message id names its conversation (newMessageId). A conversation is one chunk range: the biggest channel ' +
      'must fit one shard (a jumbo chunk is kept, not split)',
    uniqueId: false,
    scatter: [
      { shape: /^log find \{kind:eq origin:eq createdAt:\$gte/, why: 'the outbox relay: one process origin per pass' },
      { shape: /^log find \{kind:eq deletedAt:\$lt,\$ne /, why: 'purging deleted messages: background batches' },
      { shape: /^log (find|aggregate) \{kind:eq senderId:eq( _id:\$gt)?\}/, why: 'a GDPR export or count of one user' },
      { shape: /^log aggregate \{kind:eq\}$/, why: 'the total count (admin statistics)' },
      {
        shape: /^log (find|aggregate|update) \{kind:eq( seqBlock:\$exists)?\}/,
        why: 'the one-off history-block backfill',
      },
    ],
  },
  participants: {
    key: ['conversationId'],
    why: 'access checks, member lists, fan-out and receipts name the conversation; `_id` is (conversation, user)',
    uniqueId: true,
    scatter: [
      {
        shape: /^participants find \{userId:eq( state:eq)?\}/,
        why:
          "a user's own conversation list (sync, the list): every shard answers from its {userId, state} index; " +
          "bounded by that user's memberships. At many shards: a per-user copy sharded by user (designed, not built)",
      },
    ],
  },
  conversation_bans: {
    key: ['conversationId'],
    why: 'a ban is read where someone is let in, and listed, by its conversation; `_id` is (conversation, user)',
    uniqueId: true,
    scatter: [],
  },
  reactions: {
    key: ['messageId'],
    why: 'reactions are read and written per message; `_id` is (message, user, emoji)',
    uniqueId: true,
    scatter: [{ shape: /^reactions find \{userId:eq\}/, why: 'a GDPR export of one user' }],
  },
  message_versions: { key: ['messageId'], why: 'edit history per message', uniqueId: true, scatter: [] },
  poll_ballots: {
    key: ['messageId'],
    why: 'ballots per poll message; `_id` is (message, user)',
    uniqueId: true,
    scatter: [],
  },
  post_views: {
    key: ['messageId'],
    why: 'views per channel post; `_id` is (message, user)',
    uniqueId: true,
    scatter: [],
  },
  thread_replies: {
    key: ['rootId'],
    why: 'a thread is read by its root; `_id` is the reply',
    uniqueId: "a reply's root is fixed when it is sent (the root of what it replies to), so one `_id`, one rootId",
    scatter: [],
  },
  notification_claims: {
    key: ['_id'],
    hashed: true,
    why: 'one claim per (message, recipient), written and read by `_id` only',
    uniqueId: true,
    scatter: [{ shape: /^notification_claims find \{expiresAt:\$lte\}/, why: sweep }],
  },
  sync_snapshots: {
    key: ['_id'],
    hashed: true,
    why: 'a snapshot is read by its token (`_id`) only',
    uniqueId: true,
    scatter: [{ shape: /^sync_snapshots find \{expiresAt:\$lte\}/, why: sweep }],
  },
};

/**
 * Collections left unsharded, and why: they stay on the primary shard. The ones that grow with users
 * (`users`, `sessions`, `conversations`, `media`) hold one small document per thing and are still held to
 * the index check.
 */
export const UNSHARDED: Record<string, string> = {
  users: 'unique e-mail and username cannot both be prefixed by one shard key; one small document per person',
  sessions: 'looked up by token hash and by user; small, expiring',
  account_tokens: 'single-use reset and verification links: read by `_id` (a hash) and by user; expiring',
  push_targets: 'one small document per device registered for push: read by user, removed by `_id` or session',
  bots: 'one small document per bot: read by `_id`, by number (its token) and by owner',
  bot_updates:
    "each bot's queue: read and appended by bot, in order; could be sharded on `botId` (its `_id` starts with it)",
  bot_cursors: 'one tiny document per bot: how far it confirmed its updates, read and moved by `_id`',
  bot_chats: "one small document per bot and chat it is in: replaced by `_id`, a chat's admin bots read by chat",
  numeric_ids: 'one small document per user or chat a bot saw: read by `_id` (the number) and by id',
  integration_webhooks: "admins' subscriptions: a handful of documents, read by `_id`, or all (see SCANS)",
  webhook_cursors:
    'one small document per webhook and conversation it delivered in: read and replaced by `_id`, listed by webhook',
  webhook_marks: "one tiny document per platform-wide webhook: how far it looked at conversations' activity",
  webhook_failures: "each webhook's failed attempts, appended; read newest first by webhook",
  conversations: 'one document per conversation; looked up by `_id` (could be hashed on `_id` as it stands)',
  media: 'one metadata document per upload (the bytes are in S3)',
  blocks: 'one small document per block, read by `_id` and by blocker',
  purges: 'one small document per moderator purge, read and updated by `_id`',
  content_filters: 'the platform word and link filters: a few hundred small documents, read whole into a cache',
  held_messages: 'messages waiting for review: few, read by `_id`, by retry key and by state',
};

/** Collections that can grow large: every query on them must be served by an index. */
const LARGE = new Set([...Object.keys(SHARD_PLAN), ...Object.keys(UNSHARDED)]);

/** Reads that may scan, each with its reason (all admin or background, none on a user's request path). */
export const SCANS: { shape: RegExp; why: string }[] = [
  { shape: /^users (find|aggregate) \{\}/, why: 'the admin user list and count' },
  { shape: /^users find \{_id:\$gt\}/, why: 'the admin user list, paged by `_id`' },
  { shape: /^users find \{role:eq\}/, why: 'the admins, found at start-up' },
  { shape: /^conversations (find|aggregate) \{(kind:eq( deletedAt:eq)?|_id:\$gt)?\}/, why: 'admin statistics' },
  { shape: /^conversations find \{deletedAt:eq settings\.retentionDays:\$ne\}/, why: 'the retention sweep' },
  { shape: /^log aggregate \{kind:eq\}$/, why: 'the total count (admin statistics)' },
  {
    shape: /^integration_webhooks find \{(state:eq|_id:\$gt)?\}/,
    why: "the integration webhooks: a handful of admins' subscriptions, the active ones read by each delivery round",
  },
  { shape: /^content_filters find \{\}/, why: 'the whole filter list (a few hundred rows), cached on every node' },
  { shape: /^log (find|aggregate|update) \{kind:eq( seqBlock:\$exists)?\}/, why: 'the one-off history-block backfill' },
  {
    shape: /^conversations find \{deletedAt:eq username:\$ne (_id:\$gt )?\$or\[username:\$options,\$regex/,
    why:
      'searching public conversations by any part of their name: a scan of the conversations (a user request, the ' +
      'one such; a text index or a search engine is the fix at scale, not built)',
  },
];

export interface Violation {
  shape: string;
  problem: string;
}

/** Every recorded shape held to the plan: targeted (or an allowed scatter), index-served (or an allowed scan). */
export function checkShapes(shapes: Iterable<QueryShape>): Violation[] {
  const violations: Violation[] = [];
  for (const shape of shapes) {
    const line = describeShape(shape);
    const plan = SHARD_PLAN[shape.collection];
    if (plan) {
      const problem = targetingProblem(shape, plan);
      if (problem && !plan.scatter.some((s) => s.shape.test(line))) violations.push({ shape: line, problem });
    }
    if (LARGE.has(shape.collection) && shape.op !== 'insert' && !SCANS.some((s) => s.shape.test(line))) {
      const unserved = unservedBranch(shape);
      if (unserved) violations.push({ shape: line, problem: `no index serves ${unserved}` });
    }
  }
  return violations;
}

/** The plan's own consistency: unique indexes prefixed by the shard key (else MongoDB refuses to shard). */
export function checkIndexes(indexes: typeof INDEXES = INDEXES): Violation[] {
  const violations: Violation[] = [];
  for (const [collection, keys, options] of indexes) {
    const plan = SHARD_PLAN[collection];
    if (!plan || !options?.unique) continue;
    const fields = Object.keys(keys);
    if (plan.hashed || !plan.key.every((field, i) => fields[i] === field))
      violations.push({
        shape: `${collection} unique (${fields.join(', ')})`,
        problem: `not prefixed by the shard key (${plan.key.join(', ')})`,
      });
  }
  return violations;
}

/**
 * Every TTL index (which FerretDB cannot build, so it never runs here) has a sweep doing the same work that the
 * store contracts test with the clock port: a recorded query on that collection by a range of the TTL's field.
 */
export function checkTtl(shapes: Iterable<QueryShape>, indexes: typeof INDEXES = INDEXES): Violation[] {
  const list = [...shapes];
  const ranged = (filter: FilterShape, field: string): boolean =>
    /\$[gl]te?/.test(filter.fields[field] ?? '') ||
    filter.or.some((branches) => branches.some((b) => ranged(b, field)));
  return indexes.flatMap(([collection, keys, options]) => {
    if (options?.expireAfterSeconds === undefined) return [];
    const [field] = Object.keys(keys);
    if (list.some((shape) => shape.collection === collection && ranged(shape.filter, field!))) return [];
    return [{ shape: `${collection} TTL (${field})`, problem: 'no sweep by this field was tested' }];
  });
}

function targetingProblem(shape: QueryShape, plan: ShardedCollection): string | null {
  if (shape.op === 'insert') {
    const missing = plan.key.filter((field) => !(shape.fields ?? []).includes(field));
    if (missing.length > 0) return `inserts without the shard key (${missing.join(', ')})`;
    if (plan.uniqueId === true && !plan.key.every((field) => field === '_id' || shape.idCarries?.includes(field)))
      return `an _id that does not contain the shard key: _id uniqueness would hold per shard only`;
    return null;
  }
  // MongoDB < 7.1 routes a single-document write only with the whole shard key by equality.
  const ok = shape.single ? targets(shape.filter, plan.key, ['eq']) : targets(shape.filter, plan.key, ['eq', 'in']);
  if (ok) return null;
  return shape.single ? 'a single-document write without the whole shard key by equality' : 'goes to every shard';
}

function targets(filter: FilterShape, key: string[], how: string[]): boolean {
  if (key.every((field) => how.includes(filter.fields[field] ?? ''))) return true;
  return filter.or.some((branches) => branches.every((branch) => targets(branch, key, how)));
}

/** Fields with a few values: an index that starts with one narrows a query only by a field after it. */
const FEW_VALUES = new Set(['kind', 'state', 'status', 'deletedAt', 'removed', 'role', 'erasedAt']);

/** Whether the index's leading fields, as far as the filter constrains them, narrow it to a few entries. */
function narrows(index: string[], filter: FilterShape): boolean {
  for (const field of index) {
    const how = filter.fields[field];
    if (how === undefined) return false;
    if (!FEW_VALUES.has(field) || /\$[gl]te?/.test(how)) return true;
  }
  return false;
}

/** The first part of the query no index can start from (a branch of an `$or`, or the whole), or null. */
function unservedBranch(shape: QueryShape): string | null {
  const indexes = [['_id'], ...INDEXES.filter(([c]) => c === shape.collection).map(([, keys]) => Object.keys(keys))];
  const plan = SHARD_PLAN[shape.collection];
  if (plan) indexes.push(plan.key);
  const served = (filter: FilterShape): boolean =>
    indexes.some((fields) => narrows(fields, filter)) || filter.or.some((branches) => branches.every(served));
  if (served(shape.filter)) return null;
  if (Object.keys(shape.filter.fields).length === 0 && shape.filter.or.length === 0)
    return shape.sort.length > 0 && indexes.some((f) => f[0] === shape.sort[0]) ? null : 'a query with no filter';
  return 'this filter';
}
