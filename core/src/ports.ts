import { Clock } from './shared/ports/clock.port.js';
import { IdGenerator } from './shared/ports/id-generator.port.js';
import { Logger } from './shared/ports/logger.port.js';
import { RateLimiter } from './shared/ports/rate-limiter.port.js';
import {
  AccountMailer,
  AccountTokenStore,
  BlockStore,
  PasswordHasher,
  SessionStore,
  TokenIssuer,
  TotpAuthenticator,
  TwoFactorStore,
  UserStore,
} from './modules/identity/index.js';
import { AuditStore, ContentFilterStore, FlagStore, PurgeStore, ReportStore } from './modules/moderation/index.js';
import {
  EventPublisher,
  EventStore,
  JobQueue,
  NotificationSender,
  OutboxCheckpointStore,
  OutboxLog,
  PresenceStore,
  SyncSnapshotStore,
  NotificationLog,
  PushSender,
  PushTargetStore,
} from './modules/delivery/index.js';
import {
  type AccessView,
  ConversationBanStore,
  ConversationStore,
  InviteStore,
  ParticipantStore,
} from './modules/conversations/index.js';
import { BotChatStore, BotStore, BotUpdateStore, BotWebhookSender, NumericIdStore } from './modules/bots/index.js';
import { EventWebhookSender, IntegrationWebhookStore, WebhookDeliveryLog } from './modules/integrations/index.js';
import { BlobStore, FileTypeDetector, ImageProcessor, MediaStore } from './modules/media/index.js';
import {
  EditHistoryStore,
  HeldMessageStore,
  MessageStore,
  PinStore,
  PollStore,
  ReactionStore,
  ScheduledMessageStore,
  ThreadStore,
  ViewStore,
} from './modules/messaging/index.js';

/** Platform ports every module may use. */
export interface PlatformPorts {
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  rateLimiter: RateLimiter;
}

export interface IdentityPorts {
  users: UserStore;
  sessions: SessionStore;
  blocks: BlockStore;
  hasher: PasswordHasher;
  tokens: TokenIssuer;
  /** Single-use links: password reset, e-mail verification. */
  accountTokens: AccountTokenStore;
  /** Sends those links. */
  accountMailer: AccountMailer;
  /** Each account's second factor. */
  twoFactor: TwoFactorStore;
  totp: TotpAuthenticator;
}

export interface ModerationPorts {
  reports: ReportStore;
  /** Purges of a person's messages and their progress. */
  purges: PurgeStore;
  audit: AuditStore;
  flags: FlagStore;
  /** Word and link filters on what is posted. */
  contentFilters: ContentFilterStore;
}

export interface DeliveryPorts {
  events: EventStore;
  publisher: EventPublisher;
  jobs: JobQueue;
  presence: PresenceStore;
  notifier: NotificationSender;
  checkpoints: OutboxCheckpointStore;
  /** What each process stored and may not have finished (the message store's records, by origin). */
  outboxLog: OutboxLog;
  /** What each sync token stands for (see SyncConversations). */
  syncSnapshots: SyncSnapshotStore;
  /** One claim per notification sent (see NotifyMessage). */
  notificationLog: NotificationLog;
  /** The devices registered for push, and the services that wake them. */
  pushTargets: PushTargetStore;
  push: PushSender;
}

export interface ConversationPorts {
  conversations: ConversationStore;
  participants: ParticipantStore;
  invites: InviteStore;
  /** Who is banned from which conversation. */
  conversationBans: ConversationBanStore;
}

export interface MediaPorts {
  media: MediaStore;
  blobs: BlobStore;
  images: ImageProcessor;
  fileTypes: FileTypeDetector;
}

export interface MessagingPorts {
  messages: MessageStore;
  reactions: ReactionStore;
  pins: PinStore;
  editHistory: EditHistoryStore;
  scheduled: ScheduledMessageStore;
  polls: PollStore;
  views: ViewStore;
  threads: ThreadStore;
  /** Messages a filter kept for a moderator's review. */
  heldMessages: HeldMessageStore;
}

export interface BotPorts {
  bots: BotStore;
  /** Each bot's queue of updates. */
  botUpdates: BotUpdateStore;
  /** The integers the Bot API shows for users and chats. */
  numericIds: NumericIdStore;
  /** Posts updates to bots' webhooks. */
  botWebhooks: BotWebhookSender;
  /** Which chats each bot is in, and how (its admin chats). */
  botChats: BotChatStore;
}

export interface IntegrationPorts {
  integrationWebhooks: IntegrationWebhookStore;
  /** Where each webhook got to, and its failures. */
  webhookDeliveries: WebhookDeliveryLog;
  /** Posts signed event deliveries. */
  eventWebhooks: EventWebhookSender;
}

/**
 * Every port by the name use cases take it under, grouped by the module that owns it; a use case
 * declares the subset it needs with Pick.
 */
export interface Ports
  extends
    PlatformPorts,
    IdentityPorts,
    ModerationPorts,
    DeliveryPorts,
    ConversationPorts,
    MediaPorts,
    MessagingPorts,
    BotPorts,
    IntegrationPorts {}

/**
 * What use cases take: the adapters' ports, and the AccessView over them (access rows as every access
 * decision reads them; cached in production, read from the stores when embedded plainly).
 */
export interface CorePorts extends Ports {
  access: AccessView;
}

/** The DI token of every port under the name use cases take it by: composition roots bind and gather them. */
export const PORT_TOKENS: { readonly [K in keyof Ports]: symbol } = {
  clock: Clock,
  ids: IdGenerator,
  logger: Logger,
  rateLimiter: RateLimiter,
  users: UserStore,
  sessions: SessionStore,
  blocks: BlockStore,
  hasher: PasswordHasher,
  tokens: TokenIssuer,
  accountTokens: AccountTokenStore,
  accountMailer: AccountMailer,
  twoFactor: TwoFactorStore,
  totp: TotpAuthenticator,
  reports: ReportStore,
  purges: PurgeStore,
  audit: AuditStore,
  flags: FlagStore,
  contentFilters: ContentFilterStore,
  events: EventStore,
  publisher: EventPublisher,
  jobs: JobQueue,
  presence: PresenceStore,
  notifier: NotificationSender,
  checkpoints: OutboxCheckpointStore,
  outboxLog: OutboxLog,
  syncSnapshots: SyncSnapshotStore,
  notificationLog: NotificationLog,
  pushTargets: PushTargetStore,
  push: PushSender,
  conversations: ConversationStore,
  participants: ParticipantStore,
  invites: InviteStore,
  conversationBans: ConversationBanStore,
  media: MediaStore,
  blobs: BlobStore,
  images: ImageProcessor,
  fileTypes: FileTypeDetector,
  messages: MessageStore,
  reactions: ReactionStore,
  pins: PinStore,
  editHistory: EditHistoryStore,
  scheduled: ScheduledMessageStore,
  polls: PollStore,
  views: ViewStore,
  threads: ThreadStore,
  heldMessages: HeldMessageStore,
  bots: BotStore,
  botUpdates: BotUpdateStore,
  numericIds: NumericIdStore,
  botWebhooks: BotWebhookSender,
  botChats: BotChatStore,
  integrationWebhooks: IntegrationWebhookStore,
  webhookDeliveries: WebhookDeliveryLog,
  eventWebhooks: EventWebhookSender,
};
