import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import swaggerUi from 'swagger-ui-express';
import type { Clock, Logger, ParleyModules, PushKind } from '@parley/core';
import { HttpError, sendError } from './errors.js';
import { hotPath } from './hot-path.js';
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
import { logRequest } from './request-log.js';
import { RouteRunner, toHttpError } from './route-runner.js';
import { ResponseSerializers, type Serialized } from './serializers.js';
import { pushRoutes } from './routes/push.routes.js';
import { botApiRouter } from './bot-api/bot-api.js';
import { buildBotApiDocument } from './bot-api/bot-openapi.js';
import { botRoutes } from './routes/bots.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { addressRefused, clientIp, corsForBrowsers, fixedHeaders, ipFilter } from './security.js';
import { writeReply } from './write-reply.js';

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

  const headers = fixedHeaders(helmet({ contentSecurityPolicy: false }));
  const refused = addressRefused(config.ipAllow, config.ipBlock);
  app.use((req, res, next) => {
    logRequest(deps, req.get('x-request-id'), res, () => ({
      method: req.method,
      path: req.path,
      route: (req.route?.path as string | undefined) ?? 'unmatched',
      userId: (res.locals.userId as string | undefined) ?? null,
    }));
    next();
  });
  app.use(headers.middleware);
  app.use(
    corsForBrowsers(
      cors({
        origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
        exposedHeaders: ['retry-after', 'x-request-id'],
      }),
    ),
  );
  app.use(ipFilter(refused));
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
  const runner = new RouteRunner(deps.modules.identity, limits, deps.logger);
  // The hot operations first: Express tries routes in order, and these are most of the traffic. None of them
  // shares a method and path shape with another route, so the order changes no match.
  const hot = (r: RouteSpec) => HOT_ROUTES.has(`${r.method} ${r.path}`);
  if (routes.filter(hot).length !== HOT_ROUTES.size) throw new Error('a hot route is missing from the route table');
  for (const route of [...routes.filter(hot), ...routes.filter((r) => !hot(r))])
    api[route.method](
      route.path,
      route.stream ? streamed : jsonOnly(json, route),
      handle(route, runner, serializers.for(route)),
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
  // Most requests never reach Express: the hot path answers them the same way, for less (see hot-path.ts).
  const fast = hotPath({
    routes: routes.filter(hot),
    runner,
    limits,
    serializerFor: (route) => serializers.for(route),
    headers,
    refused,
    trust: app.get('trust proxy fn') as (address: string, hop: number) => boolean,
    bodyLimitBytes: config.bodyLimitBytes,
    logger: deps.logger,
    metrics: deps.metrics,
  });
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (!fast(req, res)) app(req, res);
  };
  return { app, handler, routes, openapi };
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
  runner: RouteRunner,
  serialize: (status: number, body: unknown) => Serialized | null,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const input = {
        header: (name: string) => req.get(name),
        ip: clientIp(req),
        params: req.params as Record<string, string>,
        body: req.body as unknown,
        query: req.query as Record<string, unknown>,
        req,
      };
      writeReply(res, await runner.run(route, input, (id) => (res.locals.userId = id)), serialize);
    } catch (error) {
      // A streamed body refused before it was read is not read at all: the connection cannot be reused.
      if (route.stream && !req.complete) res.setHeader('connection', 'close');
      next(error);
    }
  };
}

function asyncMiddleware(run: (req: Request) => Promise<void>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    run(req).then(() => next(), next);
  };
}
