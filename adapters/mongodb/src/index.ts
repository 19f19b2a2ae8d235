import { MongoBotChatStore, MongoBotStore, MongoBotUpdateStore, MongoNumericIdStore } from './mongo-bot-stores.js';
import { MongoIntegrationWebhookStore, MongoWebhookDeliveryLog } from './mongo-integration-stores.js';
import { MongoClient, type Db, type TopologyDescription } from 'mongodb';
import { failingAsUnavailable, type Ports } from '@parley/core';
import { MongoConversationStore } from './mongo-conversation-store.js';
import { MongoEventStore } from './mongo-event-store.js';
import { MongoMediaStore } from './mongo-media-store.js';
import { LOG_COLLECTION, MongoMessageStore } from './mongo-message-store.js';
import { LogSequencer } from './log-sequencer.js';
import { MongoOutboxCheckpointStore } from './mongo-outbox-checkpoint-store.js';
import { MongoSyncSnapshotStore } from './mongo-sync-snapshot-store.js';
import { MongoNotificationLog } from './mongo-notification-log.js';
import { MongoAuditStore, MongoFlagStore, MongoReportStore } from './mongo-moderation-stores.js';
import { MongoPurgeStore } from './mongo-purge-store.js';
import { MongoContentFilterStore } from './mongo-content-filter-store.js';
import { MongoHeldMessageStore } from './mongo-held-message-store.js';
import { MongoParticipantStore } from './mongo-participant-store.js';
import { MongoEditHistoryStore } from './mongo-edit-history-store.js';
import { MongoInviteStore } from './mongo-invite-store.js';
import { MongoPollStore } from './mongo-poll-store.js';
import { MongoViewStore } from './mongo-view-store.js';
import { MongoThreadStore } from './mongo-thread-store.js';
import { MongoScheduledMessageStore } from './mongo-scheduled-message-store.js';
import { MongoPinStore } from './mongo-pin-store.js';
import { MongoReactionStore } from './mongo-reaction-store.js';
import { MongoSessionStore } from './mongo-session-store.js';
import { MongoAccountTokenStore } from './mongo-account-token-store.js';
import { MongoTwoFactorStore } from './mongo-two-factor-store.js';
import { MongoPushTargetStore } from './mongo-push-target-store.js';
import { MongoUserStore } from './mongo-user-store.js';
import { MongoBlockStore } from './mongo-block-store.js';
import { MongoConversationBanStore } from './mongo-ban-store.js';

export { ensureIndexes } from './indexes.js';
import { isFerretDb, WriteGuard } from './support.js';
import { DEFAULT_DURABILITY, durabilityOptions, isUnavailable, type Durability } from './durability.js';
import { patchDriver } from './driver-patches.js';
export {
  MongoAuditStore,
  MongoConversationStore,
  MongoEventStore,
  MongoFlagStore,
  MongoMediaStore,
  MongoMessageStore,
  MongoOutboxCheckpointStore,
  MongoSyncSnapshotStore,
  MongoNotificationLog,
  MongoEditHistoryStore,
  MongoInviteStore,
  MongoPollStore,
  MongoScheduledMessageStore,
  MongoThreadStore,
  MongoViewStore,
  MongoParticipantStore,
  MongoPinStore,
  MongoReactionStore,
  MongoReportStore,
  MongoPurgeStore,
  MongoContentFilterStore,
  MongoHeldMessageStore,
  MongoSessionStore,
  MongoAccountTokenStore,
  MongoTwoFactorStore,
  MongoPushTargetStore,
  MongoBotStore,
  MongoBotUpdateStore,
  MongoNumericIdStore,
  MongoBotChatStore,
  MongoIntegrationWebhookStore,
  MongoWebhookDeliveryLog,
  MongoUserStore,
  MongoBlockStore,
  MongoConversationBanStore,
};

export type StorePorts = Pick<
  Ports,
  | 'users'
  | 'sessions'
  | 'accountTokens'
  | 'twoFactor'
  | 'blocks'
  | 'conversations'
  | 'participants'
  | 'conversationBans'
  | 'messages'
  | 'checkpoints'
  | 'syncSnapshots'
  | 'notificationLog'
  | 'pushTargets'
  | 'bots'
  | 'botUpdates'
  | 'numericIds'
  | 'botChats'
  | 'integrationWebhooks'
  | 'webhookDeliveries'
  | 'outboxLog'
  | 'reactions'
  | 'pins'
  | 'invites'
  | 'editHistory'
  | 'scheduled'
  | 'polls'
  | 'views'
  | 'threads'
  | 'events'
  | 'media'
  | 'reports'
  | 'purges'
  | 'contentFilters'
  | 'heldMessages'
  | 'audit'
  | 'flags'
>;

/**
 * Every store port on one database (call ensureIndexes first). See WriteGuard for `serializeWrites`. Given the
 * client, the log's cached heads are forgotten whenever the primary changes (see LogSequencer.forgetHeads).
 */
export function createMongoStores(
  db: Db,
  options: { serializeWrites: boolean; client?: Pick<MongoClient, 'on'> },
): StorePorts {
  const guard = new WriteGuard(options.serializeWrites);
  // Messages and events share the conversation log, so they share its sequencer (one per process).
  const sequencer = new LogSequencer(db.collection(LOG_COLLECTION));
  options.client?.on('topologyDescriptionChanged', (event) => {
    if (primaryOf(event.previousDescription) !== primaryOf(event.newDescription)) sequencer.forgetHeads();
  });
  // The outbox entries live in the message documents: one store, two ports.
  const messages = new MongoMessageStore(db, guard, sequencer, options.serializeWrites);
  const stores: StorePorts = {
    users: new MongoUserStore(db, guard),
    sessions: new MongoSessionStore(db, guard),
    accountTokens: new MongoAccountTokenStore(db),
    twoFactor: new MongoTwoFactorStore(db),
    blocks: new MongoBlockStore(db),
    conversations: new MongoConversationStore(db, guard),
    participants: new MongoParticipantStore(db, guard),
    conversationBans: new MongoConversationBanStore(db),
    messages,
    outboxLog: messages,
    checkpoints: new MongoOutboxCheckpointStore(db),
    syncSnapshots: new MongoSyncSnapshotStore(db),
    notificationLog: new MongoNotificationLog(db),
    pushTargets: new MongoPushTargetStore(db),
    bots: new MongoBotStore(db),
    botUpdates: new MongoBotUpdateStore(db),
    numericIds: new MongoNumericIdStore(db),
    botChats: new MongoBotChatStore(db),
    integrationWebhooks: new MongoIntegrationWebhookStore(db),
    webhookDeliveries: new MongoWebhookDeliveryLog(db),
    reactions: new MongoReactionStore(db),
    pins: new MongoPinStore(db),
    invites: new MongoInviteStore(db),
    editHistory: new MongoEditHistoryStore(db),
    scheduled: new MongoScheduledMessageStore(db),
    polls: new MongoPollStore(db),
    views: new MongoViewStore(db),
    threads: new MongoThreadStore(db),
    events: new MongoEventStore(db, sequencer),
    media: new MongoMediaStore(db, guard),
    reports: new MongoReportStore(db, guard),
    purges: new MongoPurgeStore(db),
    contentFilters: new MongoContentFilterStore(db),
    heldMessages: new MongoHeldMessageStore(db),
    audit: new MongoAuditStore(db),
    flags: new MongoFlagStore(db),
  };
  // A database that cannot be reached is DependencyUnavailable (503 at the edge), not an internal error.
  return Object.fromEntries(
    Object.entries(stores).map(([name, store]) => [
      name,
      failingAsUnavailable(store as object, 'database', isUnavailable),
    ]),
  ) as unknown as StorePorts;
}

/** The address of the primary (or standalone server) a topology description names, if any. */
const primaryOf = (description: TopologyDescription): string | undefined =>
  [...description.servers.values()].find((server) => server.type === 'RSPrimary' || server.type === 'Standalone')
    ?.address;

/** Kept for callers of the earlier name: the database is unavailable (see isUnavailable). */
export const isConnectionError = isUnavailable;

/**
 * Connects with the durability asked for (majority writes and reads, from the primary: see durabilityOptions)
 * and tells whether the server is FerretDB, whose updates need WriteGuard. On FerretDB the
 * client's pool is capped (FERRETDB_MAX_POOL, unless the URL sets maxPoolSize): FerretDB 1.x can deadlock
 * its own PostgreSQL pool when more operations are in flight than that pool holds.
 */
export async function connectMongo(
  url: string,
  durability: Durability = DEFAULT_DURABILITY,
  extra: { monitorCommands?: boolean; socketTimeoutMS?: number } = {},
): Promise<{ client: MongoClient; db: Db; ferretdb: boolean }> {
  patchDriver();
  const options = {
    ...durabilityOptions(url, durability),
    serverSelectionTimeoutMS: SERVER_SELECTION_MS,
    waitQueueTimeoutMS: WAIT_QUEUE_MS,
    socketTimeoutMS: extra.socketTimeoutMS ?? SOCKET_TIMEOUT_MS,
    monitorCommands: extra.monitorCommands ?? false,
  };
  const client = await new MongoClient(url, options).connect();
  const ferretdb = isFerretDb(await client.db('admin').command({ buildInfo: 1 }));
  if (!ferretdb || /[?&]maxPoolSize=/i.test(url)) return { client, db: client.db(), ferretdb };
  await client.close();
  const capped = await new MongoClient(url, { ...options, maxPoolSize: FERRETDB_MAX_POOL }).connect();
  return { client: capped, db: capped.db(), ferretdb };
}

/**
 * The readiness probe, on a connection of its own: whether the database answers, not whether this node's pool has a
 * connection free. A busy pool is load, which the wait-queue limit sheds with 503s; a probe queued behind it said
 * "database down" while the database answered (the soak's nodes stayed not ready for minutes under load). One ping
 * at a time: a check asked while one is on its way gets that one's answer, so checks asked faster than the database
 * answers (a balancer polling every 200 ms) cannot queue behind each other without end, which also kept a node
 * "down" in the soak; and a ping that gets no answer is given up after PROBE_TIMEOUT_MS, its connection with it.
 */
export function databaseProbe(url: string): { ping: () => Promise<boolean>; close: () => Promise<void> } {
  patchDriver();
  const client = new MongoClient(url, {
    maxPoolSize: 1,
    serverSelectionTimeoutMS: SERVER_SELECTION_MS,
    connectTimeoutMS: PROBE_TIMEOUT_MS,
    socketTimeoutMS: PROBE_TIMEOUT_MS,
    waitQueueTimeoutMS: PROBE_TIMEOUT_MS,
  });
  let pending: Promise<boolean> | null = null;
  return {
    ping: () =>
      (pending ??= client
        .db()
        .command({ ping: 1 })
        .then((answer) => answer.ok === 1)
        .finally(() => {
          pending = null;
        })),
    close: () => client.close(),
  };
}
/** How long the readiness probe waits for a connection or an answer before it gives them up. */
export const PROBE_TIMEOUT_MS = 5000;

export const FERRETDB_MAX_POOL = 24;
/** How long an operation waits for a reachable server before it fails (and the request gets 503). */
export const SERVER_SELECTION_MS = 5000;
/**
 * How long an operation waits for a free connection of the pool before it fails (503 too). Without a limit a node
 * that gets more than its database answers queues without end: the soak saw thousands waiting, each a request its
 * client had already given up on and retried, the readiness ping behind them all, and the node not ready for
 * minutes after the load fell. With it, the queue holds at most what arrives in this time.
 */
export const WAIT_QUEUE_MS = 5000;
/**
 * How long an operation waits for the server's answer before its connection is given up (the operation fails,
 * 503). Without it, operations whose answer never came held their connections for good: the CI soak saw a node
 * whose every request then waited for a connection, for minutes after the database was back. Far above any
 * request's own patience; an operation timeout does not clear the pool (the driver's rules), only that connection.
 * Building indexes may take longer: the start does it on a client of its own with no limit (runtime adapters.ts).
 */
export const SOCKET_TIMEOUT_MS = 30_000;

export { isFerretDb } from './support.js';
export { patchDriver } from './driver-patches.js';
export { ShapeRecorder, describeShape, shapesOf, type QueryShape } from './query-shapes.js';
export { SHARD_PLAN, UNSHARDED, SCANS, checkShapes, checkIndexes, type Violation } from './shard-plan.js';
export {
  DEFAULT_DURABILITY,
  durabilityOptions,
  isUnavailable,
  WeakDurabilityError,
  type Durability,
} from './durability.js';
