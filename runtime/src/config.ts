import { environmentSchema } from './config-environment.js';
import { ConfigError, fileText, serviceAccountIn, type FcmServiceAccountKey } from './config-key-files.js';

export { ConfigError, type FcmServiceAccountKey };

export interface ApiConfig {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  jwt: {
    secret: string;
    generated: boolean;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
  };
  /** HMAC key of the blob URLs this API signs and serves (embedded and local-disk storage); never the JWT key. */
  blobUrlSecret: string;
  /** Bearer token /metrics requires; null: open outside production, not served in production. */
  metricsToken: string | null;
  bcryptRounds: number;
  adminEmails: string[];
  dataDir: string;
  corsOrigins: string[];
  ipAllow: string[];
  ipBlock: string[];
  trustProxyHops: number;
  logLevel: string;
  sendRate: { limit: number; windowMs: number } | null;
  /** Failed sign-ins of one account from one address per 15 minutes. */
  loginAttemptsPer15Min: number;
  /** Failed sign-ins of one account from all addresses per hour. */
  loginFailuresPerAccountPerHour: number;
  /** Failed sign-ins from one address, any account, per hour. */
  loginFailuresPerIpPerHour: number;
  requestsPerIpPerMinute: number;
  maxUploadBytes: number;
  groupMemberLimit: number;
  deleteWindowHours: number;
  ws: {
    maxFrameBytes: number;
    commandsPerSecond: number;
    maxBufferedBytes: number;
    heartbeatMs: number;
    queryToken: boolean;
    authTimeoutMs: number;
  };
  /** Real adapters; each one left unset falls back to its embedded adapter. */
  mongoUrl: string | null;
  /** With MongoDB and Redis: serve history's newest pages from Redis-checked windows (RedisHistoryCache). */
  historyCache: boolean;
  /** MongoDB write and read concerns (docs/real-adapters.md): majority unless lowered on purpose. */
  mongoDurability: { writeConcern: 'majority' | number; readConcern: 'majority' | 'local'; allowWeak: boolean };
  /** Diagnostics: append the shape of every MongoDB query to this file (see ShapeRecorder, shard-plan.ts). */
  mongoQueryShapesFile: string | null;
  redis: { url: string; prefix: string } | null;
  amqp: { url: string; prefix: string } | null;
  s3: {
    endpoint: string | undefined;
    publicEndpoint: string | undefined;
    bucket: string;
    region: string;
    accessKeyId: string | undefined;
    secretAccessKey: string | undefined;
    forcePathStyle: boolean;
  } | null;
  /** Whether this process runs the job handlers (the embedded default does; API nodes behind workers need not). */
  runJobs: boolean;
  /** Whether to serve the built web client at /app/ (when it is built). */
  webClient: boolean;
  /** Retries of failed jobs: attempts in all, and the wait before each retry (the last one repeats). */
  jobs: { maxAttempts: number; retryDelaysMs: number[] };
  notifications: {
    webhook: { url: string; secret: string } | null;
    smtp: { url: string; from: string; appUrl: string | undefined } | null;
  };
  /** Web Push (VAPID): on when both keys are set. */
  webPush: { publicKey: string; privateKey: string; subject: string } | null;
  /** Firebase Cloud Messaging (HTTP v1): on when a service-account key file is given. */
  fcm: { serviceAccount: FcmServiceAccountKey; endpoint: string | undefined } | null;
  /** Apple Push Notification service (token-based): on when a .p8 key file is given. */
  apns: {
    teamId: string;
    keyId: string;
    key: string;
    topic: string;
    sandbox: boolean;
    origin: string | undefined;
  } | null;
  /** Account e-mails (reset, verification): new accounts must verify before they sign in; links in the log. */
  accounts: { requireEmailVerification: boolean; logLinks: boolean };
  /** Where bots' webhooks may point beyond public HTTPS hosts (development and tests only). */
  botWebhooks: { allowHttp: boolean; allowPrivateHosts: boolean };
  /** Integration webhooks: the waits between tries after a failure, and the failures in a row that pause one. */
  webhooks: { retryDelaysMs: number[]; pauseAfterFailures: number };
  retentionIntervalMs: number;
  /** How long a start keeps trying while a server it needs is not there yet (0: exit at once). */
  startupWaitSeconds: number;
  /** The least time between two writes of a conversation's activity marks (see MessageFollowUps). */
  markIntervalMs: number;
}

const split = (value: string): string[] =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Parses and validates the environment once; a bad value stops start-up with the variable's name. */
export function loadConfig(env: Record<string, string | undefined>, randomSecret: () => string): ApiConfig {
  // An empty variable means unset (as `FOO=` in compose files and shells usually intends).
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const { error, value: v } = environmentSchema.validate(given, { abortEarly: false, convert: true });
  if (error)
    throw new ConfigError(
      `invalid configuration:\n${error.details.map((d) => `  ${d.path.join('.')}: ${d.message}`).join('\n')}`,
    );
  if ((v.MONGO_WRITE_CONCERN !== 'majority' || v.MONGO_READ_CONCERN !== 'majority') && !v.MONGO_ALLOW_WEAK_DURABILITY)
    throw new ConfigError(
      'invalid configuration:\n  MONGO_WRITE_CONCERN/MONGO_READ_CONCERN below majority lets a failover roll back an ' +
        'acknowledged send; set MONGO_ALLOW_WEAK_DURABILITY=true to accept that',
    );
  const port = v.PORT as number;
  return {
    production: v.NODE_ENV === 'production',
    port,
    host: v.HOST,
    publicUrl: (v.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    jwt: {
      secret: v.JWT_SECRET ?? randomSecret(),
      generated: !v.JWT_SECRET,
      issuer: v.JWT_ISSUER,
      audience: v.JWT_AUDIENCE,
      accessTtlSeconds: v.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: v.REFRESH_TOKEN_TTL_SECONDS,
    },
    blobUrlSecret: v.BLOB_URL_SECRET ?? randomSecret(),
    metricsToken: v.METRICS_TOKEN ?? null,
    bcryptRounds: v.BCRYPT_ROUNDS,
    adminEmails: split(v.ADMIN_EMAILS).map((e) => e.toLowerCase()),
    dataDir: v.DATA_DIR,
    corsOrigins: split(v.CORS_ORIGINS),
    ipAllow: split(v.IP_ALLOW),
    ipBlock: split(v.IP_BLOCK),
    trustProxyHops: v.TRUST_PROXY_HOPS,
    logLevel: v.LOG_LEVEL,
    sendRate: { limit: v.SEND_RATE_PER_SECOND, windowMs: 1000 },
    loginAttemptsPer15Min: v.LOGIN_ATTEMPTS_PER_15_MIN,
    loginFailuresPerAccountPerHour: v.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR,
    loginFailuresPerIpPerHour: v.LOGIN_FAILURES_PER_IP_PER_HOUR,
    requestsPerIpPerMinute: v.REQUESTS_PER_IP_PER_MINUTE,
    maxUploadBytes: v.MAX_UPLOAD_BYTES,
    groupMemberLimit: v.GROUP_MEMBER_LIMIT,
    deleteWindowHours: v.DELETE_WINDOW_HOURS,
    ws: {
      maxFrameBytes: v.WS_MAX_FRAME_BYTES,
      commandsPerSecond: v.WS_COMMANDS_PER_SECOND,
      maxBufferedBytes: 4 * 1024 * 1024,
      heartbeatMs: 30_000,
      // A token in a URL ends up in proxy logs and browser history: production takes it in a header, the
      // subprotocol or the first frame only, unless WS_QUERY_TOKEN=true says otherwise.
      queryToken: v.WS_QUERY_TOKEN ?? v.NODE_ENV !== 'production',
      authTimeoutMs: v.WS_AUTH_TIMEOUT_MS,
    },
    mongoUrl: v.MONGO_URL ?? null,
    historyCache: v.HISTORY_CACHE,
    mongoDurability: {
      writeConcern: v.MONGO_WRITE_CONCERN === 'majority' ? 'majority' : Number(v.MONGO_WRITE_CONCERN),
      readConcern: v.MONGO_READ_CONCERN,
      allowWeak: v.MONGO_ALLOW_WEAK_DURABILITY,
    },
    mongoQueryShapesFile: v.MONGO_QUERY_SHAPES_FILE ?? null,
    redis: v.REDIS_URL ? { url: v.REDIS_URL, prefix: v.REDIS_PREFIX } : null,
    amqp: v.AMQP_URL ? { url: v.AMQP_URL, prefix: v.AMQP_PREFIX } : null,
    s3: v.S3_BUCKET
      ? {
          endpoint: v.S3_ENDPOINT,
          publicEndpoint: v.S3_PUBLIC_ENDPOINT,
          bucket: v.S3_BUCKET,
          region: v.S3_REGION,
          accessKeyId: v.S3_ACCESS_KEY_ID,
          secretAccessKey: v.S3_SECRET_ACCESS_KEY,
          forcePathStyle: v.S3_FORCE_PATH_STYLE,
        }
      : null,
    runJobs: v.RUN_JOBS,
    webClient: v.WEB_CLIENT,
    jobs: {
      maxAttempts: v.JOB_MAX_ATTEMPTS,
      retryDelaysMs: String(v.JOB_RETRY_DELAYS_MS)
        .split(',')
        .map((ms) => Math.max(1, Number(ms))),
    },
    notifications: {
      webhook: v.NOTIFY_WEBHOOK_URL ? { url: v.NOTIFY_WEBHOOK_URL, secret: v.NOTIFY_WEBHOOK_SECRET } : null,
      smtp: v.SMTP_URL ? { url: v.SMTP_URL, from: v.SMTP_FROM, appUrl: v.APP_URL } : null,
    },
    webPush:
      v.VAPID_PUBLIC_KEY && v.VAPID_PRIVATE_KEY
        ? {
            publicKey: v.VAPID_PUBLIC_KEY,
            privateKey: v.VAPID_PRIVATE_KEY,
            // A push service wants a way to reach the operator; without one set, the public address.
            subject:
              v.VAPID_SUBJECT ?? (v.PUBLIC_URL?.startsWith('https://') ? v.PUBLIC_URL : 'mailto:admin@localhost'),
          }
        : null,
    fcm: v.FCM_SERVICE_ACCOUNT_FILE
      ? { serviceAccount: serviceAccountIn(v.FCM_SERVICE_ACCOUNT_FILE), endpoint: v.FCM_ENDPOINT }
      : null,
    apns: v.APNS_KEY_FILE
      ? {
          teamId: v.APNS_TEAM_ID,
          keyId: v.APNS_KEY_ID,
          key: fileText('APNS_KEY_FILE', v.APNS_KEY_FILE, /^\s*-----BEGIN PRIVATE KEY-----/),
          topic: v.APNS_TOPIC,
          sandbox: v.APNS_ENVIRONMENT === 'sandbox',
          origin: v.APNS_ORIGIN,
        }
      : null,
    accounts: { requireEmailVerification: v.REQUIRE_EMAIL_VERIFICATION, logLinks: v.LOG_ACCOUNT_LINKS },
    botWebhooks: { allowHttp: v.BOT_WEBHOOK_ALLOW_HTTP, allowPrivateHosts: v.BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS },
    webhooks: {
      retryDelaysMs: String(v.WEBHOOK_RETRY_DELAYS_MS)
        .split(',')
        .map((ms) => Math.max(0, Number(ms))),
      pauseAfterFailures: v.WEBHOOK_PAUSE_AFTER_FAILURES,
    },
    retentionIntervalMs: v.RETENTION_INTERVAL_MINUTES * 60_000,
    startupWaitSeconds: v.STARTUP_WAIT_SECONDS,
    markIntervalMs: v.MARK_INTERVAL_MS,
  };
}
