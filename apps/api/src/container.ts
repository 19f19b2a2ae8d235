import { join, resolve } from 'node:path';
import { Container, ContainerModule } from 'inversify';
import {
  AuditStore, BlobStore, Clock, ConversationStore, createUseCases, EventPublisher, EventStore, FlagStore, IdGenerator,
  ImageProcessor, JobQueue, Logger, MediaStore, MessageStore, ParticipantStore, PasswordHasher, PresenceStore,
  RateLimiter, ReactionStore, ReportStore, SessionStore, TokenIssuer, UserStore, type CoreConfig, type Ports, type UseCases,
} from '@parley/core';
import {
  InMemoryAuditStore, InMemoryConversationStore, InMemoryEventStore, InMemoryFlagStore, InMemoryMediaStore,
  InMemoryMessageStore, InMemoryParticipantStore, InMemoryPresenceStore, InMemoryRateLimiter, InMemoryReactionStore,
  InMemoryReportStore, InMemorySessionStore, InMemoryUserStore, InProcessEventPublisher, InProcessJobQueue, SystemClock, UuidV7Generator,
} from '@parley/adapter-memory';
import { BcryptPasswordHasher, JwtTokenIssuer } from '@parley/adapter-auth';
import { JimpImageProcessor } from '@parley/adapter-jimp';
import { LocalDiskBlobStore } from '@parley/adapter-local-disk';
import { WinstonLogger } from '@parley/adapter-winston';
import { HttpMetrics } from '@parley/adapter-http';
import type { ApiConfig } from './config.js';

export const TOKENS = {
  Config: Symbol.for('ApiConfig'),
  Ports: Symbol.for('Ports'),
  UseCases: Symbol.for('UseCases'),
  Metrics: Symbol.for('HttpMetrics'),
  Adapters: Symbol.for('AdapterNames'),
} as const;

/** Test and embedding hooks: replace the clock or the logger. */
export interface Overrides {
  clock?: Clock;
  logger?: Logger;
}

/** The embedded default: every port in process, media on the local disk under DATA_DIR. */
function embeddedPorts(config: ApiConfig, overrides: Overrides) {
  return new ContainerModule(({ bind }) => {
    const one = <T>(token: symbol, make: () => T) => bind<T>(token).toDynamicValue(make).inSingletonScope();
    one(Clock, () => overrides.clock ?? new SystemClock());
    one(Logger, () => overrides.logger ?? new WinstonLogger({ level: config.logLevel === 'silent' ? 'error' : config.logLevel, silent: config.logLevel === 'silent', service: 'parley-api' }));
    one(IdGenerator, () => new UuidV7Generator());
    one(UserStore, () => new InMemoryUserStore());
    one(SessionStore, () => new InMemorySessionStore());
    one(ConversationStore, () => new InMemoryConversationStore());
    one(ParticipantStore, () => new InMemoryParticipantStore());
    one(MessageStore, () => new InMemoryMessageStore());
    one(ReactionStore, () => new InMemoryReactionStore());
    one(EventStore, () => new InMemoryEventStore());
    one(MediaStore, () => new InMemoryMediaStore());
    one(ReportStore, () => new InMemoryReportStore());
    one(AuditStore, () => new InMemoryAuditStore());
    one(FlagStore, () => new InMemoryFlagStore());
    one(PresenceStore, () => new InMemoryPresenceStore());
    one(RateLimiter, () => new InMemoryRateLimiter());
    bind<EventPublisher>(EventPublisher).toDynamicValue(() => new InProcessEventPublisher()).inSingletonScope();
    bind<JobQueue>(JobQueue).toDynamicValue((ctx) => new InProcessJobQueue({ logger: ctx.get<Logger>(Logger) })).inSingletonScope();
    bind<BlobStore>(BlobStore).toDynamicValue(() => new LocalDiskBlobStore({
      root: resolve(join(config.dataDir, 'blobs')), baseUrl: `${config.publicUrl}/api/v1/blobs`, secret: config.jwt.secret,
    })).inSingletonScope();
    bind(TOKENS.Adapters).toConstantValue({ stores: 'memory', realtime: 'in-process', jobs: 'in-process', media: `local disk (${resolve(config.dataDir)})` });
  });
}

/** Adapters that are the same in every mode. */
function commonPorts(config: ApiConfig) {
  return new ContainerModule(({ bind }) => {
    bind<PasswordHasher>(PasswordHasher).toDynamicValue(() => new BcryptPasswordHasher(config.bcryptRounds)).inSingletonScope();
    bind<TokenIssuer>(TokenIssuer).toDynamicValue((ctx) => new JwtTokenIssuer({
      secret: config.jwt.secret, issuer: config.jwt.issuer, audience: config.jwt.audience,
      accessTtlSeconds: config.jwt.accessTtlSeconds, refreshTtlSeconds: config.jwt.refreshTtlSeconds,
    }, ctx.get<Clock>(Clock))).inSingletonScope();
    bind<ImageProcessor>(ImageProcessor).toDynamicValue(() => new JimpImageProcessor()).inSingletonScope();
  });
}

/** Use cases built over the bound ports, plus the delivery-side singletons. */
function application(config: ApiConfig) {
  return new ContainerModule(({ bind }) => {
    bind<Ports>(TOKENS.Ports).toDynamicValue((ctx) => ({
      users: ctx.get(UserStore), sessions: ctx.get(SessionStore), conversations: ctx.get(ConversationStore),
      participants: ctx.get(ParticipantStore), messages: ctx.get(MessageStore), reactions: ctx.get(ReactionStore),
      events: ctx.get(EventStore), media: ctx.get(MediaStore), reports: ctx.get(ReportStore), audit: ctx.get(AuditStore),
      flags: ctx.get(FlagStore), hasher: ctx.get(PasswordHasher), tokens: ctx.get(TokenIssuer), clock: ctx.get(Clock),
      ids: ctx.get(IdGenerator), publisher: ctx.get(EventPublisher), jobs: ctx.get(JobQueue), blobs: ctx.get(BlobStore),
      images: ctx.get(ImageProcessor), presence: ctx.get(PresenceStore), rateLimiter: ctx.get(RateLimiter), logger: ctx.get(Logger),
    })).inSingletonScope();
    bind<UseCases>(TOKENS.UseCases).toDynamicValue((ctx) => createUseCases(ctx.get<Ports>(TOKENS.Ports), coreConfig(config))).inSingletonScope();
    bind<HttpMetrics>(TOKENS.Metrics).toDynamicValue(() => new HttpMetrics()).inSingletonScope();
  });
}

export function coreConfig(config: ApiConfig): Partial<CoreConfig> {
  return {
    adminEmails: config.adminEmails,
    sendRate: config.sendRate,
    maxUploadBytes: config.maxUploadBytes,
    defaultGroupMemberLimit: config.groupMemberLimit,
    deleteForEveryoneWindowMs: config.deleteWindowHours * 3600 * 1000,
  };
}

/** The API's one composition root. */
export function buildContainer(config: ApiConfig, overrides: Overrides = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.bind<ApiConfig>(TOKENS.Config).toConstantValue(config);
  container.load(embeddedPorts(config, overrides), commonPorts(config), application(config));
  return container;
}

