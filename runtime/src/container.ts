import { join, resolve } from 'node:path';
import { Container, ContainerModule } from 'inversify';
import {
  conversationsContainer,
  coreDeps,
  deliveryContainer,
  botsContainer,
  integrationsContainer,
  identityContainer,
  mediaContainer,
  messagingContainer,
  moderationContainer,
  parleyContainer,
} from './core-modules.js';
import { TOKENS } from './tokens.js';
import {
  AuditStore,
  BlobStore,
  Clock,
  ConversationStore,
  DEFAULT_CONFIG,
  EventPublisher,
  EventStore,
  FlagStore,
  IdGenerator,
  FileTypeDetector,
  ImageProcessor,
  JobQueue,
  Logger,
  MediaStore,
  MessageStore,
  OutboxCheckpointStore,
  SyncSnapshotStore,
  NotificationLog,
  OutboxLog,
  ParticipantStore,
  ConversationBanStore,
  PasswordHasher,
  PresenceStore,
  EditHistoryStore,
  InviteStore,
  NotificationSender,
  AccountMailer,
  AccountTokenStore,
  TotpAuthenticator,
  TwoFactorStore,
  PushSender,
  PushTargetStore,
  BotStore,
  BotUpdateStore,
  NumericIdStore,
  BotChatStore,
  BotWebhookSender,
  EventWebhookSender,
  IntegrationWebhookStore,
  WebhookDeliveryLog,
  PollStore,
  ScheduledMessageStore,
  ThreadStore,
  ViewStore,
  PinStore,
  RateLimiter,
  ReactionStore,
  ReportStore,
  PurgeStore,
  ContentFilterStore,
  HeldMessageStore,
  SessionStore,
  BlockStore,
  TokenIssuer,
  UserStore,
  type CoreConfig,
} from '@parley/core';
import {
  InMemoryAuditStore,
  InMemoryContentFilterStore,
  InMemoryHeldMessageStore,
  InMemoryConversationLog,
  InMemoryConversationStore,
  InMemoryEventStore,
  InMemoryFlagStore,
  InMemoryMediaStore,
  InMemoryMessageStore,
  InMemoryOutboxCheckpointStore,
  InMemorySyncSnapshotStore,
  InMemoryNotificationLog,
  InMemoryEditHistoryStore,
  InMemoryInviteStore,
  InMemoryPollStore,
  InMemoryScheduledMessageStore,
  InMemoryThreadStore,
  InMemoryViewStore,
  InMemoryParticipantStore,
  InMemoryConversationBanStore,
  InMemoryPinStore,
  InMemoryPresenceStore,
  InMemoryRateLimiter,
  InMemoryReactionStore,
  InMemoryReportStore,
  InMemoryPurgeStore,
  InMemorySessionStore,
  InMemoryAccountTokenStore,
  InMemoryTwoFactorStore,
  InMemoryPushTargetStore,
  InMemoryBotStore,
  InMemoryBotUpdateStore,
  InMemoryNumericIdStore,
  InMemoryBotChatStore,
  InMemoryIntegrationWebhookStore,
  InMemoryWebhookDeliveryLog,
  LogPushSender,
  LogAccountMailer,
  InMemoryBlockStore,
  InMemoryUserStore,
  InProcessEventPublisher,
  InProcessJobQueue,
  LogNotificationSender,
} from '@parley/adapter-memory';
import {
  FetchBotWebhookSender,
  FetchEventWebhookSender,
  OtplibTotp,
  SignatureFileTypeDetector,
  SystemClock,
  UuidV7Generator,
} from '@parley/adapter-node-system';
import { BcryptPasswordHasher, JwtTokenIssuer } from '@parley/adapter-auth';
import { JimpImageProcessor } from '@parley/adapter-jimp';
import { LocalDiskBlobStore } from '@parley/adapter-local-disk';
import { WinstonLogger } from '@parley/adapter-winston';
import { HttpMetrics } from '@parley/adapter-http';
import type { RealAdapters } from './adapters.js';
import type { ApiConfig } from './config.js';

export { TOKENS };

/** Test and embedding hooks: replace the clock or the logger. */
export interface Overrides {
  clock?: Clock;
  logger?: Logger;
}

/**
 * Stores, realtime, jobs and media: the real adapters that were configured and connected, the embedded
 * ones (memory, in-process, local disk) for the rest.
 */
function portsModule(config: ApiConfig, overrides: Overrides, real: RealAdapters) {
  return new ContainerModule(({ bind }) => {
    const one = <T>(token: symbol, make: () => T) => bind<T>(token).toDynamicValue(make).inSingletonScope();
    one(Clock, () => overrides.clock ?? new SystemClock());
    one(Logger, () => overrides.logger ?? defaultLogger(config));
    one(IdGenerator, () => new UuidV7Generator());
    const stores = real.stores;
    // The embedded message and event stores share one conversation log (a message is its created event).
    const log = new InMemoryConversationLog();
    one(UserStore, () => stores?.users ?? new InMemoryUserStore());
    one(SessionStore, () => stores?.sessions ?? new InMemorySessionStore());
    one(AccountTokenStore, () => stores?.accountTokens ?? new InMemoryAccountTokenStore());
    one(TwoFactorStore, () => stores?.twoFactor ?? new InMemoryTwoFactorStore());
    one(BlockStore, () => stores?.blocks ?? new InMemoryBlockStore());
    one(ConversationStore, () => stores?.conversations ?? new InMemoryConversationStore());
    one(ParticipantStore, () => stores?.participants ?? new InMemoryParticipantStore());
    one(ConversationBanStore, () => stores?.conversationBans ?? new InMemoryConversationBanStore());
    one(MessageStore, () => stores?.messages ?? new InMemoryMessageStore(log));
    one(OutboxCheckpointStore, () => stores?.checkpoints ?? new InMemoryOutboxCheckpointStore());
    one(SyncSnapshotStore, () => stores?.syncSnapshots ?? new InMemorySyncSnapshotStore());
    one(NotificationLog, () => stores?.notificationLog ?? new InMemoryNotificationLog());
    one(PushTargetStore, () => stores?.pushTargets ?? new InMemoryPushTargetStore());
    one(BotStore, () => stores?.bots ?? new InMemoryBotStore());
    one(BotUpdateStore, () => stores?.botUpdates ?? new InMemoryBotUpdateStore());
    one(NumericIdStore, () => stores?.numericIds ?? new InMemoryNumericIdStore());
    one(BotChatStore, () => stores?.botChats ?? new InMemoryBotChatStore());
    one(IntegrationWebhookStore, () => stores?.integrationWebhooks ?? new InMemoryIntegrationWebhookStore());
    one(WebhookDeliveryLog, () => stores?.webhookDeliveries ?? new InMemoryWebhookDeliveryLog());
    // The outbox entries are the message store's records: the same store, seen as the OutboxLog.
    bind<OutboxLog>(OutboxLog)
      .toDynamicValue((ctx) => stores?.outboxLog ?? ctx.get<InMemoryMessageStore>(MessageStore))
      .inSingletonScope();
    one(ReactionStore, () => stores?.reactions ?? new InMemoryReactionStore());
    one(PinStore, () => stores?.pins ?? new InMemoryPinStore());
    one(InviteStore, () => stores?.invites ?? new InMemoryInviteStore());
    one(EditHistoryStore, () => stores?.editHistory ?? new InMemoryEditHistoryStore());
    one(ScheduledMessageStore, () => stores?.scheduled ?? new InMemoryScheduledMessageStore());
    one(PollStore, () => stores?.polls ?? new InMemoryPollStore());
    one(ViewStore, () => stores?.views ?? new InMemoryViewStore());
    one(ThreadStore, () => stores?.threads ?? new InMemoryThreadStore());
    one(EventStore, () => stores?.events ?? new InMemoryEventStore(log));
    one(MediaStore, () => stores?.media ?? new InMemoryMediaStore());
    one(ReportStore, () => stores?.reports ?? new InMemoryReportStore());
    one(PurgeStore, () => stores?.purges ?? new InMemoryPurgeStore());
    one(ContentFilterStore, () => stores?.contentFilters ?? new InMemoryContentFilterStore());
    one(HeldMessageStore, () => stores?.heldMessages ?? new InMemoryHeldMessageStore());
    one(AuditStore, () => stores?.audit ?? new InMemoryAuditStore());
    one(FlagStore, () => stores?.flags ?? new InMemoryFlagStore());
    one(PresenceStore, () => real.realtime?.presence ?? new InMemoryPresenceStore());
    one(RateLimiter, () => real.realtime?.rateLimiter ?? new InMemoryRateLimiter());
    one(EventPublisher, () => real.realtime?.publisher ?? new InProcessEventPublisher());
    bind<JobQueue>(JobQueue)
      .toDynamicValue(
        (ctx) => real.jobs ?? new InProcessJobQueue({ retry: config.jobs, logger: ctx.get<Logger>(Logger) }),
      )
      .inSingletonScope();
    bind<PushSender>(PushSender)
      .toDynamicValue((ctx) => real.push ?? new LogPushSender(ctx.get<Logger>(Logger)))
      .inSingletonScope();
    bind<AccountMailer>(AccountMailer)
      .toDynamicValue(
        (ctx) =>
          real.accountMailer ??
          new LogAccountMailer(ctx.get<Logger>(Logger), { revealTokens: config.accounts.logLinks }),
      )
      .inSingletonScope();
    bind<NotificationSender>(NotificationSender)
      .toDynamicValue((ctx) => real.notifier ?? new LogNotificationSender(ctx.get<Logger>(Logger)))
      .inSingletonScope();
    one(
      BlobStore,
      () =>
        real.blobs ??
        new LocalDiskBlobStore({
          root: resolve(join(config.dataDir, 'blobs')),
          baseUrl: `${config.publicUrl}/api/v1/blobs`,
          secret: config.blobUrlSecret,
        }),
    );
    bind(TOKENS.Adapters).toConstantValue({
      stores: real.names.stores ?? 'memory',
      realtime: real.names.realtime ?? 'in-process',
      jobs: real.names.jobs ?? 'in-process',
      media: real.names.media ?? `local disk (${resolve(config.dataDir)})`,
      notifications: real.names.notifications ?? 'log',
      push: real.names.push ?? 'log',
      accountMail: real.names.accountMail ?? 'log',
    });
  });
}

export const defaultLogger = (config: ApiConfig): Logger =>
  new WinstonLogger({
    level: config.logLevel === 'silent' ? 'error' : config.logLevel,
    silent: config.logLevel === 'silent',
    service: 'parley-api',
  });

/** Adapters that are the same in every mode. */
function commonPorts(config: ApiConfig) {
  return new ContainerModule(({ bind }) => {
    bind<PasswordHasher>(PasswordHasher)
      .toDynamicValue(() => new BcryptPasswordHasher(config.bcryptRounds))
      .inSingletonScope();
    bind<TokenIssuer>(TokenIssuer)
      .toDynamicValue(
        (ctx) =>
          new JwtTokenIssuer(
            {
              secret: config.jwt.secret,
              issuer: config.jwt.issuer,
              audience: config.jwt.audience,
              accessTtlSeconds: config.jwt.accessTtlSeconds,
              refreshTtlSeconds: config.jwt.refreshTtlSeconds,
            },
            ctx.get<Clock>(Clock),
          ),
      )
      .inSingletonScope();
    bind<ImageProcessor>(ImageProcessor)
      .toDynamicValue(() => new JimpImageProcessor())
      .inSingletonScope();
    bind<TotpAuthenticator>(TotpAuthenticator)
      .toDynamicValue(() => new OtplibTotp())
      .inSingletonScope();
    bind<BotWebhookSender>(BotWebhookSender)
      .toDynamicValue(() => new FetchBotWebhookSender())
      .inSingletonScope();
    bind<EventWebhookSender>(EventWebhookSender)
      .toDynamicValue(() => new FetchEventWebhookSender())
      .inSingletonScope();
    bind<FileTypeDetector>(FileTypeDetector)
      .toDynamicValue(() => new SignatureFileTypeDetector())
      .inSingletonScope();
  });
}

/** A timer that does not keep the process alive: the access cache sweeps with it, the outbox checkpoint beats. */
const every = (ms: number, run: () => void) => {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
};

export function coreConfig(config: ApiConfig): Partial<CoreConfig> {
  return {
    adminEmails: config.adminEmails,
    requireEmailVerification: config.accounts.requireEmailVerification,
    botWebhooks: config.botWebhooks,
    webhooks: config.webhooks,
    sendRate: config.sendRate,
    maxUploadBytes: config.maxUploadBytes,
    defaultGroupMemberLimit: config.groupMemberLimit,
    deleteForEveryoneWindowMs: config.deleteWindowHours * 3600 * 1000,
  };
}

/** The API's one composition root. */
export function buildContainer(
  config: ApiConfig,
  overrides: Overrides = {},
  real: RealAdapters = { names: {}, readiness: async () => ({}), close: async () => {} },
): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<ApiConfig>(TOKENS.Config).toConstantValue(config);
  container.bind<CoreConfig>(TOKENS.CoreConfig).toConstantValue({ ...DEFAULT_CONFIG, ...coreConfig(config) });
  container.bind<HttpMetrics>(TOKENS.Metrics).toConstantValue(new HttpMetrics());
  container.load(
    portsModule(config, overrides, real),
    commonPorts(config),
    coreDeps(every, config.markIntervalMs),
    identityContainer(),
    conversationsContainer(),
    messagingContainer(),
    mediaContainer(),
    moderationContainer(),
    deliveryContainer(),
    botsContainer(),
    integrationsContainer(),
    parleyContainer(),
  );
  return container;
}
