import Joi from 'joi';

/**
 * Every environment variable the processes read, with its default and its limits (docs/operations.md explains
 * each). Unknown variables are allowed: the environment holds much else.
 */
const list = Joi.string().allow('').default('');
export const environmentSchema = Joi.object({
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().default('0.0.0.0'),
  PUBLIC_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  JWT_SECRET: Joi.string().min(32).when('NODE_ENV', { is: 'production', then: Joi.required() }),
  JWT_ISSUER: Joi.string().default('parley'),
  JWT_AUDIENCE: Joi.string().default('parley-clients'),
  ACCESS_TOKEN_TTL_SECONDS: Joi.number().integer().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: Joi.number()
    .integer()
    .min(3600)
    .default(30 * 86_400),
  BCRYPT_ROUNDS: Joi.number()
    .integer()
    .max(15)
    .default(10)
    .when('NODE_ENV', { is: 'production', then: Joi.number().min(10), otherwise: Joi.number().min(4) }),
  BLOB_URL_SECRET: Joi.string()
    .min(32)
    .invalid(Joi.ref('JWT_SECRET'))
    .when('NODE_ENV', { is: 'production', then: Joi.when('S3_BUCKET', { not: Joi.exist(), then: Joi.required() }) })
    .messages({ 'any.invalid': '"BLOB_URL_SECRET" must differ from JWT_SECRET' }),
  METRICS_TOKEN: Joi.string().min(16),
  WS_QUERY_TOKEN: Joi.boolean(),
  WS_AUTH_TIMEOUT_MS: Joi.number().integer().min(100).max(60_000).default(5_000),
  ADMIN_EMAILS: list,
  DATA_DIR: Joi.string().default('.data'),
  CORS_ORIGINS: Joi.string()
    .default('*')
    .when('NODE_ENV', {
      is: 'production',
      then: Joi.string()
        .required()
        .pattern(/^[^*]+$/, 'explicit origins (no *)'),
    }),
  IP_ALLOW: list,
  IP_BLOCK: list,
  TRUST_PROXY_HOPS: Joi.number().integer().min(0).max(10).default(0),
  LOG_LEVEL: Joi.string().valid('error', 'warn', 'info', 'debug', 'silent').default('info'),
  SEND_RATE_PER_SECOND: Joi.number().integer().min(1).default(20),
  LOGIN_ATTEMPTS_PER_15_MIN: Joi.number().integer().min(1).default(10),
  LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: Joi.number().integer().min(1).default(50),
  LOGIN_FAILURES_PER_IP_PER_HOUR: Joi.number().integer().min(1).default(100),
  REQUESTS_PER_IP_PER_MINUTE: Joi.number().integer().min(1).default(1200),
  MAX_UPLOAD_BYTES: Joi.number()
    .integer()
    .min(1)
    .default(25 * 1024 * 1024),
  GROUP_MEMBER_LIMIT: Joi.number().integer().min(2).default(1000),
  DELETE_WINDOW_HOURS: Joi.number().min(0).default(48),
  WS_MAX_FRAME_BYTES: Joi.number()
    .integer()
    .min(1024)
    .default(64 * 1024),
  WS_COMMANDS_PER_SECOND: Joi.number().integer().min(1).default(30),
  MONGO_URL: Joi.string().uri({ scheme: ['mongodb', 'mongodb+srv'] }),
  MONGO_WRITE_CONCERN: Joi.alternatives(Joi.string().valid('majority'), Joi.number().integer().min(0)).default(
    'majority',
  ),
  MONGO_READ_CONCERN: Joi.string().valid('majority', 'local').default('majority'),
  MONGO_ALLOW_WEAK_DURABILITY: Joi.boolean().default(false),
  MONGO_QUERY_SHAPES_FILE: Joi.string(),
  HISTORY_CACHE: Joi.boolean().default(true),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }),
  REDIS_PREFIX: Joi.string().default('parley:'),
  AMQP_URL: Joi.string().uri({ scheme: ['amqp', 'amqps'] }),
  AMQP_PREFIX: Joi.string().default('parley'),
  S3_ENDPOINT: Joi.string().uri({ scheme: ['http', 'https'] }),
  S3_PUBLIC_ENDPOINT: Joi.string().uri({ scheme: ['http', 'https'] }),
  S3_BUCKET: Joi.string().min(3).max(63),
  S3_REGION: Joi.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: Joi.string(),
  S3_SECRET_ACCESS_KEY: Joi.string(),
  S3_FORCE_PATH_STYLE: Joi.boolean().default(false),
  RUN_JOBS: Joi.boolean().default(true),
  WEB_CLIENT: Joi.boolean().default(true),
  JOB_MAX_ATTEMPTS: Joi.number().integer().min(1).max(50).default(5),
  JOB_RETRY_DELAYS_MS: Joi.string()
    .pattern(/^\d+(,\d+)*$/)
    .message('JOB_RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 1000,5000,30000')
    .default('1000,5000,30000,120000'),
  NOTIFY_WEBHOOK_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  NOTIFY_WEBHOOK_SECRET: Joi.string().min(16).when('NOTIFY_WEBHOOK_URL', { is: Joi.exist(), then: Joi.required() }),
  SMTP_URL: Joi.string().uri({ scheme: ['smtp', 'smtps'] }),
  SMTP_FROM: Joi.string().when('SMTP_URL', { is: Joi.exist(), then: Joi.required() }),
  APP_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  VAPID_PUBLIC_KEY: Joi.string().pattern(/^[A-Za-z0-9_-]{40,200}$/),
  VAPID_PRIVATE_KEY: Joi.string()
    .pattern(/^[A-Za-z0-9_-]{20,200}$/)
    .when('VAPID_PUBLIC_KEY', { is: Joi.exist(), then: Joi.required() }),
  VAPID_SUBJECT: Joi.string().pattern(/^(mailto:|https:\/\/)\S+$/),
  FCM_SERVICE_ACCOUNT_FILE: Joi.string(),
  FCM_ENDPOINT: Joi.string().uri({ scheme: ['http', 'https'] }),
  APNS_KEY_FILE: Joi.string(),
  APNS_KEY_ID: Joi.string()
    .pattern(/^[A-Z0-9]{10}$/)
    .when('APNS_KEY_FILE', { is: Joi.exist(), then: Joi.required() }),
  APNS_TEAM_ID: Joi.string()
    .pattern(/^[A-Z0-9]{10}$/)
    .when('APNS_KEY_FILE', { is: Joi.exist(), then: Joi.required() }),
  APNS_TOPIC: Joi.string()
    .pattern(/^[A-Za-z0-9.-]+$/)
    .when('APNS_KEY_FILE', { is: Joi.exist(), then: Joi.required() }),
  APNS_ENVIRONMENT: Joi.string().valid('production', 'sandbox').default('production'),
  APNS_ORIGIN: Joi.string().uri({ scheme: ['https'] }),
  REQUIRE_EMAIL_VERIFICATION: Joi.boolean().default(false),
  BOT_WEBHOOK_ALLOW_HTTP: Joi.boolean().default(false),
  BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS: Joi.boolean().default(false),
  LOG_ACCOUNT_LINKS: Joi.boolean().default(false),
  WEBHOOK_RETRY_DELAYS_MS: Joi.string()
    .pattern(/^\d+(,\d+)*$/)
    .message('WEBHOOK_RETRY_DELAYS_MS must be comma-separated milliseconds, e.g. 1000,5000,30000')
    .default('1000,5000,30000,120000,600000'),
  WEBHOOK_PAUSE_AFTER_FAILURES: Joi.number().integer().min(1).max(10_000).default(20),
  RETENTION_INTERVAL_MINUTES: Joi.number().min(1).default(15),
  STARTUP_WAIT_SECONDS: Joi.number().min(0).max(3600).default(60),
  MARK_INTERVAL_MS: Joi.number().integer().min(0).max(10_000).default(1000),
}).unknown(true);
