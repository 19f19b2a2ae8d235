import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import {
  DependencyUnavailable,
  isModerator,
  type Clock,
  type Logger,
  type Principal,
  type ParleyModules,
  type PushKind,
} from '@parley/core';
import { fromDomain, HttpError, sendError } from './errors.js';
import type { HttpMetrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
import { buildAsyncApi } from './asyncapi.js';
import { authRoutes } from './routes/auth.routes.js';
import { conversationRoutes } from './routes/conversations.routes.js';
import { deliveryRoutes } from './routes/delivery.routes.js';
import { inviteRoutes } from './routes/invites.routes.js';
import { blobRoutes, mediaRoutes, type SignedBlobServer } from './routes/media.routes.js';
import { messageRoutes } from './routes/messages.routes.js';
import { moderationRoutes } from './routes/moderation.routes.js';
import type { RouteSpec } from './routes/route.js';
import { userRoutes } from './routes/users.routes.js';
import { conversationSafetyRoutes } from './routes/conversation-safety.routes.js';
import { messageActionRoutes } from './routes/message-actions.routes.js';
import { moderatorToolRoutes } from './routes/moderator-tools.routes.js';
import { contentReviewRoutes } from './routes/content-review.routes.js';
import { RequestLimits, type CounterFactory, type RequestLimitRules } from './request-limits.js';
import { ResponseSerializers, type Serialized } from './serializers.js';
import { pushRoutes } from './routes/push.routes.js';
import { botApiRouter } from './bot-api/bot-api.js';
import { buildBotApiDocument } from './bot-api/bot-openapi.js';
import { botRoutes } from './routes/bots.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { clientIp, corsForBrowsers, fixedHeaders, ipFilter } from './security.js';
import { validate, validateQuery } from './validation.js';

export interface HttpConfig {
  version: string;
  /** Allowed CORS origins; ['*'] allows any. */
  corsOrigins: string[];
  ipAllow: string[];
  ipBlock: string[];
  /** Trust X-Forwarded-For from this many proxies (0: none). */
  trustProxyHops: number;
  bodyLimitBytes: number;
  /** The largest upload a ticket may announce (MAX_UPLOAD_BYTES). */
  maxUploadBytes?: number;
  rateLimits: RequestLimitRules;
  /** Who may read /metrics: anyone, holders of this bearer token, or nobody (not served on this port). */
  metricsAccess: 'open' | 'off' | { token: string };
  /** A built web client to serve at /app (and / redirects there); none when absent. */
  webDir?: string | null;
  /** The VAPID public key browsers subscribe to Web Push with (none: Web Push is off). */
  webPushPublicKey?: string | null;
  /** The push services a real sender is configured for (the others' pushes go to the log). */
  pushKinds?: readonly PushKind[];
}

export interface HttpDeps {
  /** The core's modules; each route module is handed the one it serves. */
  modules: ParleyModules;
  /** Where request counters live (default: this process; Redis across nodes). */
  counters?: CounterFactory;
  clock: Clock;
  logger: Logger;
  metrics: HttpMetrics;
  /** Present when blob URLs point at this API (local disk or memory storage). */
  blobServer?: SignedBlobServer;
  /** Reachability of each adapter, for /ready. */
  readiness: () => Promise<Record<string, boolean>>;
}

/** Every REST operation; the router and the OpenAPI document are both built from this list. */
export function routeTable(
  deps: HttpDeps,
  options: { maxUploadBytes?: number; webPushPublicKey?: string | null; pushKinds?: readonly PushKind[] } = {},
): RouteSpec[] {
  const { identity, conversations, messaging, media, moderation, delivery } = deps.modules;
  return [
    ...authRoutes(identity),
    ...userRoutes(identity),
    ...conversationRoutes(conversations),
    ...conversationSafetyRoutes(conversations),
    ...inviteRoutes(conversations),
    ...messageRoutes(messaging),
    ...messageActionRoutes(messaging),
    ...mediaRoutes(media, options.maxUploadBytes ?? 25 * 1024 * 1024),
    ...moderationRoutes(moderation),
    ...moderatorToolRoutes(moderation),
    ...contentReviewRoutes(moderation, messaging),
    ...deliveryRoutes(delivery),
    ...pushRoutes(delivery, { webPushPublicKey: options.webPushPublicKey ?? null, kinds: options.pushKinds ?? [] }),
    ...botRoutes(deps.modules.bots),
    ...webhookRoutes(deps.modules.integrations),
    ...(deps.blobServer ? blobRoutes(deps.blobServer, deps.clock) : []),
  ];
}

/** What most requests are: a send, a history page, a read mark. */
const HOT_ROUTES = new Set([
  'post /conversations/:cid/messages',
  'get /conversations/:cid/messages',
  'post /messages/:id/read',
]);

export function createHttpApp(deps: HttpDeps, config: HttpConfig) {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: hashing every body costs each response, and no client of this API makes conditional requests.
  app.set('etag', false);
  app.set('trust proxy', config.trustProxyHops);
  app.set('query parser', 'simple');
  const routes = routeTable(deps, {
    maxUploadBytes: config.maxUploadBytes,
    webPushPublicKey: config.webPushPublicKey ?? null,
    pushKinds: config.pushKinds ?? [],
  });
  const openapi = buildOpenApi(routes, { version: config.version, webClient: Boolean(config.webDir) });
  const limits = new RequestLimits(config.rateLimits, deps.counters);

  app.use(requestLog(deps));
  app.use(fixedHeaders(helmet({ contentSecurityPolicy: false })));
  app.use(
    corsForBrowsers(
      cors({
        origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
        exposedHeaders: ['retry-after', 'x-request-id'],
      }),
    ),
  );
  app.use(ipFilter(config.ipAllow, config.ipBlock));
  app.use(asyncMiddleware((req) => limits.consume('perIp', clientIp(req))));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await deps.readiness().catch(() => ({ readiness: false }));
    const ready = Object.values(checks).every(Boolean);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks });
  });
  if (config.metricsAccess !== 'off') {
    const access = config.metricsAccess;
    app.get('/metrics', async (req, res) => {
      if (access !== 'open' && !sameSecret(req.get('authorization') ?? '', `Bearer ${access.token}`))
        return sendError(
          res,
          new HttpError(401, 'metrics_token_required', 'send Authorization: Bearer <METRICS_TOKEN>'),
        );
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    });
  }
  if (config.webDir) {
    // The web client: static files under their own policy (its scripts and styles from here; API calls,
    // the socket and uploads may go to this origin or to object storage).
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: http: https:; connect-src " +
      "'self' ws: wss: http: https:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    app.get('/', (_req, res) => {
      res.redirect(302, '/app/');
    });
    app.get('/app', (req, res, next) => (req.path === '/app/' ? next() : res.redirect(302, '/app/')));
    app.use(
      '/app',
      (_req, res, next) => {
        res.setHeader('content-security-policy', csp);
        next();
      },
      express.static(config.webDir, { index: 'index.html', maxAge: '5m' }),
    );
  }
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const botApiDocument = buildBotApiDocument(config.version);
  app.get('/api/bot-api.json', (_req, res) => {
    res.json(botApiDocument);
  });
  const asyncapi = buildAsyncApi({ version: config.version });
  app.get('/api/asyncapi.json', (_req, res) => {
    res.json(asyncapi);
  });
  app.use('/api/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'Parley API' }));

  const api = express.Router();
  const json = express.json({ limit: config.bodyLimitBytes, type: () => true });
  const streamed = (_req: Request, _res: Response, next: NextFunction) => next();
  const serializers = new ResponseSerializers(openapi);
  // The hot operations first: Express tries routes in order, and these are most of the traffic. None of them
  // shares a method and path shape with another route, so the order changes no match.
  const hot = (r: RouteSpec) => HOT_ROUTES.has(`${r.method} ${r.path}`);
  if (routes.filter(hot).length !== HOT_ROUTES.size) throw new Error('a hot route is missing from the route table');
  for (const route of [...routes.filter(hot), ...routes.filter((r) => !hot(r))])
    api[route.method](
      route.path,
      route.stream ? streamed : jsonOnly(json, route),
      handle(route, deps, limits, serializers.for(route)),
    );
  app.use('/api/v1', api);
  // The Telegram Bot API at /bot<token>/<method> (see docs/bots.md).
  app.use(
    botApiRouter(deps.modules, deps.logger, {
      bodyLimitBytes: config.bodyLimitBytes,
      maxUploadBytes: config.maxUploadBytes ?? 25 * 1024 * 1024,
    }),
  );

  app.use(methodNotAllowed(routes, config.webDir ? ['/', '/app'] : []));
  app.use((req, res) => sendError(res, new HttpError(404, 'route_not_found', `no route ${req.method} ${req.path}`)));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(res, toHttpError(error, req, deps.logger)),
  );
  return { app, routes, openapi };
}

/** A known path asked with a method it does not take: 405 with the methods it does take in Allow. */
function methodNotAllowed(routes: readonly RouteSpec[], pages: string[]) {
  const OPERATIONS = [
    '/health',
    '/ready',
    '/metrics',
    '/api/openapi.json',
    '/api/asyncapi.json',
    '/api/bot-api.json',
    ...pages,
  ].map((path) => ({ pattern: new RegExp(`^${path.replace(/\./g, '\\.')}$`), methods: ['GET'] }));
  const byPath = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const route of routes) {
    const source = `^/api/v1${route.path.replace(/:\w+/g, '[^/]+').replace(/\*\w+/g, '.+')}/?$`;
    const entry = byPath.get(source) ?? { pattern: new RegExp(source), methods: [] };
    entry.methods.push(route.method.toUpperCase());
    byPath.set(source, entry);
  }
  const known = [...byPath.values(), ...OPERATIONS];
  return (req: Request, res: Response, next: NextFunction) => {
    const allowed = known.filter((k) => k.pattern.test(req.path)).flatMap((k) => k.methods);
    if (allowed.length === 0 || allowed.includes(req.method)) return next();
    res.setHeader('allow', [...new Set(allowed)].join(', '));
    sendError(res, new HttpError(405, 'method_not_allowed', `${req.path} takes ${[...new Set(allowed)].join(', ')}`));
  };
}

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest()];
  return timingSafeEqual(a, b);
}

/** JSON bodies only on routes that take one; a body of another type gets 415. */
function jsonOnly(json: ReturnType<typeof express.json>, route: RouteSpec) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!hasBody) return next();
    if (!route.body) return json(req, res, next);
    if (!req.is('application/json'))
      return next(new HttpError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json'));
    json(req, res, next);
  };
}

function handle(
  route: RouteSpec,
  deps: HttpDeps,
  limits: RequestLimits,
  serialize: (status: number, body: unknown) => Serialized | null,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    let guessing: { account: string; ip: string } | null = null;
    try {
      const principal = route.auth === false ? null : await authenticate(req, deps.modules.identity);
      if (principal) res.locals.userId = principal.user.id;
      // Defence in depth: the use cases check finer roles, but nobody without a staff role gets past here.
      if (route.staff && !isModerator(principal!.user))
        throw new HttpError(403, 'staff_only', 'this route is for moderators and admins');
      const body: { login?: string; email?: string; challenge?: string } = route.body
        ? validate(route.body, req.body, 'body')
        : {};
      const query = route.query ? validateQuery(route.query, req.query as Record<string, unknown>) : {};
      guessing = await limitSensitive(route, req, body, principal, deps, limits);
      const out = await route.handler({
        req,
        principal: principal as Principal,
        actorId: principal?.user.id ?? '',
        params: req.params as Record<string, string>,
        body,
        query,
      });
      if (guessing) await limits.loginSucceeded(guessing.account, guessing.ip);
      for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
      if (out.body === undefined) res.status(out.status).end();
      else if (Buffer.isBuffer(out.body)) res.status(out.status).send(out.body);
      else {
        // Serialised from the documented schema when there is one (fast-json-stringify): faster than
        // JSON.stringify, and a body can only carry what the document says it carries.
        const text = serialize(out.status, out.body);
        if (text === null) res.status(out.status).json(out.body);
        else sendJsonText(res, out.status, text);
      }
    } catch (error) {
      // A streamed body refused before it was read is not read at all: the connection cannot be reused.
      if (route.stream && !req.complete) res.setHeader('connection', 'close');
      if (TOKEN_ROUTES.has(route.path) && error instanceof HttpError && error.code === 'token_invalid')
        await limits
          .tokenGuessFailed(clientIp(req))
          .catch((e: unknown) => deps.logger.warn('could not count a wrong link token', { error: String(e) }));
      if (guessing && error instanceof HttpError && PASSWORD_WRONG.has(error.code))
        await limits
          .loginFailed(guessing.account, guessing.ip)
          .catch((e: unknown) => deps.logger.warn('could not count a failed sign-in', { error: String(e) }));
      next(error);
    }
  };
}

/**
 * Writes serialised JSON straight to Node's response: the string goes out with the headers in one write
 * (Express's `send` would first copy a long string into a Buffer and write the two separately). Node
 * itself leaves the body out of an answer to HEAD.
 */
function sendJsonText(res: Response, status: number, text: Serialized): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}

/** Routes that spend a single-use link's token: a wrong token counts against the address's sign-in failures. */
const TOKEN_ROUTES = new Set(['/auth/password-reset/confirm', '/auth/email-verification/confirm']);
/** Routes that send an account e-mail: limited per address asking and per address written to. */
const MAIL_ROUTES = new Set(['/auth/password-reset', '/auth/email-verification']);

/** The answers that mean a guessed password was wrong: they count against the brute-force limits. */
const PASSWORD_WRONG = new Set(['invalid_credentials', 'wrong_password', 'invalid_code']);

async function authenticate(req: Request, identity: ParleyModules['identity']): Promise<Principal> {
  const header = req.get('authorization');
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (header && !token) throw new HttpError(401, 'invalid_token', 'Authorization must be "Bearer <token>"');
  const result = await identity.authenticate.execute(token);
  if (!result.ok) throw fromDomain(result.error);
  return result.value;
}

/**
 * Per-route limits before the handler runs. Routes that check a password (sign-in, and the password
 * re-entry of self export/erasure) return the account and address their failures count against.
 */
async function limitSensitive(
  route: RouteSpec,
  req: Request,
  body: { login?: string; email?: string; challenge?: string },
  principal: Principal | null,
  deps: HttpDeps,
  limits: RequestLimits,
) {
  const ip = clientIp(req);
  if (route.path === '/auth/register') await limits.consume('register', ip);
  if (route.path === '/media/upload' && principal) await limits.consume('upload', principal.user.id);
  if (MAIL_ROUTES.has(route.path)) {
    await limits.consume('accountMailPerIp', ip);
    await limits.consume(
      'accountMailPerAddress',
      String(body.email ?? '')
        .trim()
        .toLowerCase(),
    );
  }
  if (TOKEN_ROUTES.has(route.path)) await limits.assertTokenGuessAllowed(ip);
  const account =
    route.path === '/auth/login'
      ? await deps.modules.identity.logIn.accountKey(String(body.login ?? ''))
      : route.path === '/auth/2fa/verify'
        ? await deps.modules.identity.completeTwoFactorSignIn.accountKey(body.challenge)
        : route.checksPassword && principal
          ? `user:${principal.user.id}`
          : null;
  if (account === null) return null;
  await limits.assertLoginAllowed(account, ip);
  return { account, ip };
}

function asyncMiddleware(run: (req: Request) => Promise<void>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    run(req).then(() => next(), next);
  };
}

function toHttpError(error: unknown, req: Request, logger: Logger): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof DependencyUnavailable) {
    logger.warn('dependency unavailable', {
      method: req.method,
      path: req.path,
      dependency: error.dependency,
      // what the driver said (a wait for a connection, a server not selected, a network error): how to tell them apart
      cause: error.cause === undefined ? null : String(error.cause),
    });
    return new HttpError(503, `${error.dependency}_unavailable`, error.message, undefined, { 'retry-after': '5' });
  }
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed')
    return new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  if (e.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'the request body is too large');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new HttpError(415, 'unsupported_media_type', e.message ?? 'unsupported encoding');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new HttpError(e.status, 'bad_request', e.message ?? 'bad request');
  logger.error('unhandled error', { method: req.method, path: req.path, error });
  return new HttpError(500, 'internal_error', 'something went wrong on our side');
}

function requestLog(deps: HttpDeps) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const requestId = req.get('x-request-id')?.slice(0, 64) || randomUUID();
    res.setHeader('x-request-id', requestId);
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      deps.metrics.requestSeconds.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      if (req.method === 'POST' && res.statusCode === 201 && route === '/conversations/:cid/messages')
        deps.metrics.messagesSent.inc();
      deps.logger.info('request', {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
        requestId,
        userId: res.locals.userId ?? null,
      });
    });
    next();
  };
}
