import type { Ports } from '@parley/core';
import { InMemoryAuditStore } from './in-memory-audit-store.js';
import { InMemoryBlobStore, type SignedUrlOptions } from './in-memory-blob-store.js';
import { InMemoryConversationLog } from './in-memory-conversation-log.js';
import { InMemoryConversationStore } from './in-memory-conversation-store.js';
import { InMemoryEventStore } from './in-memory-event-store.js';
import { InMemoryFlagStore } from './in-memory-flag-store.js';
import { InMemoryMediaStore } from './in-memory-media-store.js';
import { InMemoryMessageStore } from './in-memory-message-store.js';
import { InMemoryOutboxCheckpointStore } from './in-memory-outbox-checkpoint-store.js';
import { InMemorySyncSnapshotStore } from './in-memory-sync-snapshot-store.js';
import { InMemoryNotificationLog } from './in-memory-notification-log.js';
import { InMemoryParticipantStore } from './in-memory-participant-store.js';
import { InMemoryPresenceStore } from './in-memory-presence-store.js';
import { InMemoryRateLimiter } from './in-memory-rate-limiter.js';
import { InMemoryEditHistoryStore } from './in-memory-edit-history-store.js';
import { InMemoryInviteStore } from './in-memory-invite-store.js';
import { InMemoryPollStore } from './in-memory-poll-store.js';
import { InMemoryViewStore } from './in-memory-view-store.js';
import { InMemoryThreadStore } from './in-memory-thread-store.js';
import { InMemoryScheduledMessageStore } from './in-memory-scheduled-message-store.js';
import { InMemoryPinStore } from './in-memory-pin-store.js';
import { InMemoryReactionStore } from './in-memory-reaction-store.js';
import { InMemoryReportStore } from './in-memory-report-store.js';
import { InMemoryPurgeStore } from './in-memory-purge-store.js';
import { InMemoryContentFilterStore } from './in-memory-content-filter-store.js';
import { InMemoryHeldMessageStore } from './in-memory-held-message-store.js';
import { InMemorySessionStore } from './in-memory-session-store.js';
import { InMemoryBlockStore } from './in-memory-block-store.js';
import { InMemoryConversationBanStore } from './in-memory-ban-store.js';
import { InMemoryUserStore } from './in-memory-user-store.js';
import { InProcessEventPublisher } from './in-process-event-publisher.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { LogNotificationSender } from './log-notification-sender.js';
import { InMemoryAccountTokenStore } from './in-memory-account-token-store.js';
import { LogAccountMailer } from './log-account-mailer.js';
import { InMemoryTwoFactorStore } from './in-memory-two-factor-store.js';
import { InMemoryPushTargetStore, LogPushSender } from './in-memory-push.js';
import {
  InMemoryBotChatStore,
  InMemoryBotStore,
  InMemoryBotUpdateStore,
  InMemoryNumericIdStore,
} from './in-memory-bots.js';
import { InMemoryIntegrationWebhookStore, InMemoryWebhookDeliveryLog } from './in-memory-integrations.js';

export * from './in-memory-audit-store.js';
export * from './in-memory-blob-store.js';
export * from './in-memory-conversation-log.js';
export * from './in-memory-conversation-store.js';
export * from './in-memory-event-store.js';
export * from './in-memory-flag-store.js';
export * from './in-memory-media-store.js';
export * from './in-memory-message-store.js';
export * from './in-memory-outbox-checkpoint-store.js';
export * from './in-memory-sync-snapshot-store.js';
export * from './in-memory-notification-log.js';
export * from './in-memory-participant-store.js';
export * from './in-memory-presence-store.js';
export * from './in-memory-rate-limiter.js';
export * from './in-memory-edit-history-store.js';
export * from './in-memory-invite-store.js';
export * from './in-memory-poll-store.js';
export * from './in-memory-view-store.js';
export * from './in-memory-thread-store.js';
export * from './in-memory-scheduled-message-store.js';
export * from './in-memory-pin-store.js';
export * from './in-memory-reaction-store.js';
export * from './in-memory-report-store.js';
export * from './in-memory-purge-store.js';
export * from './in-memory-content-filter-store.js';
export * from './in-memory-held-message-store.js';
export * from './in-memory-session-store.js';
export * from './in-memory-block-store.js';
export * from './in-memory-ban-store.js';
export * from './in-memory-user-store.js';
export * from './in-process-event-publisher.js';
export * from './in-process-job-queue.js';
export * from './log-notification-sender.js';
export * from './in-memory-account-token-store.js';
export * from './log-account-mailer.js';
export * from './in-memory-two-factor-store.js';
export * from './in-memory-push.js';
export * from './in-memory-bots.js';
export * from './in-memory-integrations.js';

/** The ports that are not stores or queues: the process's own services, and an image codec. */
export type SystemPorts = Pick<
  Ports,
  'clock' | 'ids' | 'hasher' | 'tokens' | 'logger' | 'fileTypes' | 'images' | 'totp' | 'botWebhooks' | 'eventWebhooks'
>;

export interface MemoryPortsOptions extends SystemPorts {
  blobs?: SignedUrlOptions;
  /** Puts account links' secrets in the log (LOG_ACCOUNT_LINKS; local development without SMTP only). */
  revealAccountTokens?: boolean;
}

/**
 * Every store and queue in process, beside the system ports given (e.g. `createSystemPorts()` of
 * @parley/adapter-node-system, and an image processor): the embedded default, and the engine of fast tests.
 */
export function createMemoryPorts(options: MemoryPortsOptions): Ports & {
  jobs: InProcessJobQueue;
  blobs: InMemoryBlobStore;
  notifier: LogNotificationSender;
  accountMailer: LogAccountMailer;
  push: LogPushSender;
} {
  const { clock, ids, hasher, tokens, logger, fileTypes, images, totp, botWebhooks, eventWebhooks } = options;
  const log = new InMemoryConversationLog();
  // The outbox entries are the message store's records seen by the outbox: one store, two ports.
  const messages = new InMemoryMessageStore(log);
  return {
    users: new InMemoryUserStore(),
    sessions: new InMemorySessionStore(),
    accountTokens: new InMemoryAccountTokenStore(),
    twoFactor: new InMemoryTwoFactorStore(),
    totp,
    blocks: new InMemoryBlockStore(),
    conversations: new InMemoryConversationStore(),
    participants: new InMemoryParticipantStore(),
    conversationBans: new InMemoryConversationBanStore(),
    messages,
    outboxLog: messages,
    checkpoints: new InMemoryOutboxCheckpointStore(),
    syncSnapshots: new InMemorySyncSnapshotStore(),
    notificationLog: new InMemoryNotificationLog(),
    pushTargets: new InMemoryPushTargetStore(),
    push: new LogPushSender(logger),
    reactions: new InMemoryReactionStore(),
    pins: new InMemoryPinStore(),
    invites: new InMemoryInviteStore(),
    editHistory: new InMemoryEditHistoryStore(),
    scheduled: new InMemoryScheduledMessageStore(),
    polls: new InMemoryPollStore(),
    views: new InMemoryViewStore(),
    threads: new InMemoryThreadStore(),
    heldMessages: new InMemoryHeldMessageStore(),
    events: new InMemoryEventStore(log),
    media: new InMemoryMediaStore(),
    reports: new InMemoryReportStore(),
    purges: new InMemoryPurgeStore(),
    audit: new InMemoryAuditStore(),
    flags: new InMemoryFlagStore(),
    contentFilters: new InMemoryContentFilterStore(),
    bots: new InMemoryBotStore(),
    botUpdates: new InMemoryBotUpdateStore(),
    numericIds: new InMemoryNumericIdStore(),
    botChats: new InMemoryBotChatStore(),
    botWebhooks,
    integrationWebhooks: new InMemoryIntegrationWebhookStore(),
    webhookDeliveries: new InMemoryWebhookDeliveryLog(),
    eventWebhooks,
    hasher,
    tokens,
    clock,
    ids,
    publisher: new InProcessEventPublisher(),
    jobs: new InProcessJobQueue({ logger }),
    blobs: new InMemoryBlobStore(options.blobs),
    images,
    fileTypes,
    presence: new InMemoryPresenceStore(),
    rateLimiter: new InMemoryRateLimiter(),
    logger,
    notifier: new LogNotificationSender(logger),
    accountMailer: new LogAccountMailer(logger, { revealTokens: options.revealAccountTokens === true }),
  };
}
