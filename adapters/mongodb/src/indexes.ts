import type { Db, IndexSpecification, CreateIndexesOptions } from 'mongodb';
import { isFerretDb } from './support.js';
import { backfillSeqBlocks } from './seq-blocks.js';
import { LOG_COLLECTION } from './mongo-message-store.js';

export const INDEXES: [collection: string, keys: IndexSpecification, options?: CreateIndexesOptions][] = [
  ['users', { email: 1 }, { unique: true }],
  ['users', { username: 1 }, { unique: true }],
  ['users', { displayNameLower: 1 }],
  // Temporary platform bans that ended, for the sweep that lifts them.
  ['users', { bannedUntil: 1 }],
  ['sessions', { tokenHash: 1 }],
  // Expired families and their spent hashes go by themselves on MongoDB (the retention sweep does it too).
  ['sessions', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['spent_refresh_hashes', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['spent_refresh_hashes', { sessionId: 1 }],
  ['sync_snapshots', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['notification_claims', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['sessions', { userId: 1 }],
  // Single-use account links: spent per person, and gone when they expire.
  ['account_tokens', { userId: 1, kind: 1 }],
  ['account_tokens', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['spent_account_tokens', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['spent_second_factors', { expiresAt: 1 }, { expireAfterSeconds: 0 }],
  ['push_targets', { userId: 1 }],
  ['push_targets', { sessionId: 1 }],
  ['bots', { number: 1 }, { unique: true }],
  ['bots', { ownerId: 1 }],
  // A bot's updates: one per key (a job run twice appends once), read in order from the bot's cursor.
  ['bot_updates', { botId: 1, key: 1 }, { unique: true }],
  ['bot_updates', { botId: 1, updateId: 1 }],
  // Which bots heard a message, for its edits.
  ['bot_updates', { key: 1 }],
  ['numeric_ids', { id: 1 }, { unique: true }],
  ['blocks', { blockerId: 1, createdAt: -1 }],
  ['conversation_bans', { conversationId: 1, userId: 1 }],
  // The retention sweep's other branch (expired ones go by the TTL index or the sweep's first branch).
  ['sessions', { revokedAt: 1 }],
  ['conversations', { deletedAt: 1, kind: 1 }],
  ['participants', { conversationId: 1, state: 1, joinedAt: 1, userId: 1 }],
  ['participants', { userId: 1, state: 1 }],
  // The conversation log: messages and events. The two unique indexes are what makes a send one atomic,
  // idempotent insert (see LogSequencer and MongoMessageStore).
  ['log', { conversationId: 1, eventSeq: 1 }, { unique: true }],
  ['log', { conversationId: 1, clientKey: 1 }, { unique: true }],
  ['log', { conversationId: 1, kind: 1, seq: 1 }],
  // Unread counts: the viewer's own and the deleted messages past a watermark, found without walking the gap.
  ['log', { conversationId: 1, senderId: 1, seq: 1 }],
  ['log', { conversationId: 1, deletedAt: 1, seq: 1 }],
  ['log', { senderId: 1, _id: 1 }],
  ['log', { conversationId: 1, createdAt: -1 }],
  ['log', { kind: 1, deletedAt: 1 }],
  // The outbox relay lists a process's messages past its checkpoint.
  ['log', { origin: 1, createdAt: 1, _id: 1 }],
  ['reactions', { messageId: 1, createdAt: 1 }],
  ['reactions', { userId: 1 }],
  ['pins', { conversationId: 1, pinnedAt: -1 }],
  // A limited link's uses each take a numbered slot: what holds its usage limit under races.
  ['invite_uses', { slotKey: 1 }, { unique: true }],
  ['invite_uses', { code: 1, joinedAt: -1 }],
  ['invites', { conversationId: 1, createdAt: -1 }],
  ['join_requests', { conversationId: 1, requestedAt: 1 }],
  ['message_versions', { messageId: 1, version: 1 }],
  ['scheduled_messages', { state: 1, sendAt: 1 }],
  ['poll_ballots', { messageId: 1, castAt: 1 }],
  ['post_views', { messageId: 1 }],
  ['thread_replies', { rootId: 1, seq: 1 }],
  ['scheduled_messages', { senderId: 1, conversationId: 1, state: 1, sendAt: 1 }],
  ['media', { ownerId: 1 }],
  ['media', { attachedAt: 1, createdAt: 1 }],
  ['media', { status: 1, jobPending: 1, updatedAt: 1 }],
  ['reports', { openKey: 1 }, { unique: true }],
  ['reports', { status: 1, createdAt: -1 }],
  ['reports', { reporterId: 1 }],
  ['audit', { targetId: 1, createdAt: -1 }],
  ['audit', { createdAt: -1 }],
  ['content_filters', { kind: 1, pattern: 1 }, { unique: true }],
  // A retried held send finds the first (insert-only under this key); moderators list by state.
  ['held_messages', { clientKey: 1 }, { unique: true }],
  ['held_messages', { state: 1, _id: 1 }],
  // A filter's dry run walks the conversations by their latest message.
  ['conversations', { lastMessageAt: -1, _id: -1 }],
  // Platform-wide integration webhooks look at what changed since their mark.
  ['conversations', { lastActivityAt: 1, _id: 1 }],
  ['bot_chats', { conversationId: 1, status: 1 }],
  ['webhook_cursors', { webhookId: 1, conversationId: 1 }],
  ['webhook_failures', { webhookId: 1, at: -1, _id: -1 }],
];

/**
 * Creates every index Parley relies on; idempotent, so every process runs it at start. The uniqueness
 * guarantees that are not listed here live in `_id`s: direct_pairs, participants, reactions, pins, invite_uses,
 * join_requests, message_versions, conversation_usernames, scheduled_settlements, poll_ballots, post_views,
 * thread_replies, webhook_cursors, webhook_marks,
 * spent_refresh_hashes.
 *
 * On FerretDB 1.x only the unique indexes are created: its reads do not use secondary indexes (measured:
 * they scan), while every index still costs each insert and update, so there they are pure write cost.
 */
export async function ensureIndexes(db: Db, options: { ferretdb?: boolean } = {}): Promise<void> {
  const ferretdb = options.ferretdb ?? isFerretDb(await db.admin().command({ buildInfo: 1 }));
  for (const [collection, keys, indexOptions] of INDEXES) {
    // FerretDB 1.x also rejects TTL indexes ("not implemented"); the retention sweep deletes those rows.
    if (ferretdb && !indexOptions?.unique) continue;
    await db.collection(collection).createIndex(keys, indexOptions ?? {});
  }
  // Idempotency was keyed by `clientKey` alone before it was scoped to the conversation (the log's shard key):
  // the new index is built first, so no moment is without one.
  await dropIndexIfPresent(db, LOG_COLLECTION, 'clientKey_1');
  // Messages stored before history blocks existed get theirs (once; see SeqBlockReader).
  await backfillSeqBlocks(db, db.collection(LOG_COLLECTION));
}

async function dropIndexIfPresent(db: Db, collection: string, name: string): Promise<void> {
  const indexes = await db.collection(collection).listIndexes().toArray();
  if (indexes.some((index) => index.name === name)) await db.collection(collection).dropIndex(name);
}
