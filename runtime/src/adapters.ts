import {
  failingAsUnavailable,
  type AccountMailer,
  type PushSender,
  type BlobStore,
  type EventPublisher,
  type JobQueue,
  type Logger,
  type NotificationSender,
  type PresenceStore,
  type RateLimiter,
} from '@parley/core';
import {
  connectMongo,
  databaseProbe,
  createMongoStores,
  ensureIndexes,
  ShapeRecorder,
  type StorePorts,
} from '@parley/adapter-mongodb';
import { RabbitJobQueue } from '@parley/adapter-rabbitmq';
import {
  closeRedis,
  connectRedis,
  RedisEventPublisher,
  RedisHistoryCache,
  RedisPresenceStore,
  RedisRateLimiter,
  redisRequestCounters,
} from '@parley/adapter-redis';
import { isS3ConnectionError, S3BlobStore } from '@parley/adapter-s3';
import { SmtpAccountMailer, SmtpNotificationSender } from '@parley/adapter-smtp';
import { ApnsSender, FcmSender, PushSenderByKind, WebPushSender } from '@parley/adapter-push';
import { WebhookNotificationSender } from '@parley/adapter-webhook';
import { InMemoryPresenceStore, InMemoryRateLimiter, LogPushSender } from '@parley/adapter-memory';
import type { ApiConfig } from './config.js';
import { readinessOf, withFallback } from './degrade.js';
import { closeAll } from './process.js';

/** How long a readiness check may take before its dependency counts as down. */
const CHECK_MS = 2000;

/** The real adapters the configuration asks for, connected; anything absent falls back to embedded ones. */
export interface RealAdapters {
  stores?: StorePorts;
  realtime?: {
    publisher: EventPublisher;
    presence: PresenceStore;
    rateLimiter: RateLimiter;
    requestCounters: ReturnType<typeof redisRequestCounters>;
  };
  jobs?: JobQueue;
  blobs?: BlobStore;
  notifier?: NotificationSender;
  accountMailer?: AccountMailer;
  push?: PushSender;
  /** What is in use, for the start-up banner. */
  names: Record<string, string>;
  readiness(): Promise<Record<string, boolean>>;
  close(): Promise<void>;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'configured';
  }
};

/** The one place that decides adapters from configuration: a URL set means that technology. */
export async function connectAdapters(
  config: ApiConfig,
  logger: Logger,
  /** Told each step as it begins (the API's `starting` answer says which one a slow start waits on). */
  step: (what: string) => void = () => {},
): Promise<RealAdapters> {
  const checks: Record<string, () => Promise<boolean>> = {};
  const closers: (() => Promise<unknown>)[] = [];
  const out: RealAdapters = {
    names: {},
    readiness: readinessOf(checks, logger, CHECK_MS),
    close: () => closeAll([...closers].reverse()),
  };
  if (config.mongoUrl) {
    step(`connecting to the database (${hostOf(config.mongoUrl)})`);
    const shapesFile = config.mongoQueryShapesFile;
    const mongo = await connectMongo(config.mongoUrl, config.mongoDurability, { monitorCommands: shapesFile !== null });
    if (shapesFile) new ShapeRecorder(shapesFile).attach(mongo.client);
    step('ensuring the database indexes');
    // On a client of its own with no answer time limit: a new index on a large collection may take minutes.
    const indexing = await connectMongo(config.mongoUrl, config.mongoDurability, { socketTimeoutMS: 0 });
    try {
      await ensureIndexes(indexing.db, { ferretdb: indexing.ferretdb });
    } finally {
      await indexing.client.close().catch(() => undefined);
    }
    out.stores = createMongoStores(mongo.db, { serializeWrites: mongo.ferretdb, client: mongo.client });
    out.names.stores =
      `${mongo.ferretdb ? 'FerretDB' : 'MongoDB'} ` + `(${hostOf(config.mongoUrl)}/${mongo.db.databaseName})`;
    const probe = databaseProbe(config.mongoUrl);
    checks.mongodb = probe.ping;
    closers.push(() => mongo.client.close(), probe.close);
  }
  if (config.redis) {
    step(`connecting to Redis (${hostOf(config.redis.url)})`);
    const [pub, sub, commands] = await Promise.all([
      connectRedis(config.redis.url),
      connectRedis(config.redis.url),
      connectRedis(config.redis.url),
    ]);
    out.realtime = {
      publisher: new RedisEventPublisher(pub, sub, config.redis.prefix),
      // While Redis is away, presence, typing and send limits are this node's own (documented in operations.md).
      presence: withFallback<PresenceStore>(
        'Redis (presence)',
        new RedisPresenceStore(commands, config.redis.prefix),
        new InMemoryPresenceStore(),
        logger,
      ),
      rateLimiter: withFallback<RateLimiter>(
        'Redis (rate limits)',
        new RedisRateLimiter(commands, config.redis.prefix),
        new InMemoryRateLimiter(),
        logger,
      ),
      requestCounters: redisRequestCounters(commands, config.redis.prefix),
    };
    if (out.stores && config.historyCache) {
      // The newest pages of history and their reactions from each node's memory, checked against versions in Redis
      // (exact across nodes).
      const cache = new RedisHistoryCache(commands, { prefix: config.redis.prefix, logger });
      out.stores = {
        ...out.stores,
        messages: cache.wrap(out.stores.messages),
        reactions: cache.wrapReactions(out.stores.reactions),
      };
      out.names.historyCache = 'Redis-checked windows of recent messages and their reactions';
    }
    out.names.realtime = `Redis (${hostOf(config.redis.url)})`;
    checks.redis = async () => (await commands.ping()) === 'PONG';
    closers.push(() => Promise.all([pub, sub, commands].map(closeRedis)));
  }
  if (config.amqp) {
    step(`connecting to RabbitMQ (${hostOf(config.amqp.url)})`);
    const queue = new RabbitJobQueue({ url: config.amqp.url, prefix: config.amqp.prefix, retry: config.jobs, logger });
    if (!(await queue.ping())) throw new Error(`RabbitMQ is unreachable at ${hostOf(config.amqp.url)}`);
    out.jobs = queue;
    out.names.jobs = `RabbitMQ (${hostOf(config.amqp.url)})`;
    checks.rabbitmq = () => queue.ping();
    closers.push(() => queue.close());
  }
  if (config.s3) {
    step('checking the S3 bucket');
    const blobs = new S3BlobStore(config.s3);
    await blobs.ensureBucket();
    // Storage that cannot be reached is DependencyUnavailable (503 at the edge), not an internal error.
    out.blobs = failingAsUnavailable<BlobStore>(blobs, 'storage', isS3ConnectionError);
    out.names.media = `S3 (${config.s3.endpoint ? hostOf(config.s3.endpoint) : 'AWS'}/${config.s3.bucket})`;
    checks.s3 = () => blobs.ping();
  }
  const pushers: ConstructorParameters<typeof PushSenderByKind>[0] = {};
  if (config.webPush) pushers.webpush = new WebPushSender(config.webPush);
  if (config.fcm) pushers.fcm = new FcmSender(config.fcm);
  if (config.apns) {
    const apns = new ApnsSender(config.apns);
    pushers.apns = apns;
    closers.push(async () => apns.close());
  }
  if (Object.keys(pushers).length > 0) {
    out.push = new PushSenderByKind(pushers, new LogPushSender(logger));
    out.names.push = [
      config.webPush && 'Web Push (VAPID)',
      config.fcm && `FCM (${config.fcm.serviceAccount.project_id})`,
      config.apns && `APNs (${config.apns.topic}${config.apns.sandbox ? ', sandbox' : ''})`,
    ]
      .filter(Boolean)
      .join(', ');
  }
  const { webhook, smtp } = config.notifications;
  if (smtp) {
    const mailer = new SmtpAccountMailer({ ...smtp, publicUrl: config.publicUrl });
    out.accountMailer = mailer;
    out.names.accountMail = `SMTP (${hostOf(smtp.url)})`;
    closers.push(async () => mailer.close());
  }
  if (webhook) {
    out.notifier = new WebhookNotificationSender(webhook);
    out.names.notifications = `webhook (${hostOf(webhook.url)})`;
  } else if (smtp) {
    const sender = new SmtpNotificationSender(smtp);
    out.notifier = sender;
    out.names.notifications = `email via SMTP (${hostOf(smtp.url)})`;
    closers.push(async () => sender.close());
  }
  return out;
}
