import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Clock, Logger, ParleyModules, PushKind } from '@parley/core';
import { HttpError, sendError } from './errors.js';
import { hotPath } from './hot-path.js';
import type { HttpMetrics } from './metrics.js';
import { buildOpenApi } from './openapi.js';
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
import { ResponseSerializers } from './serializers.js';
import { pushRoutes } from './routes/push.routes.js';
import { botApiRouter } from './bot-api/bot-api.js';
import { botRoutes } from './routes/bots.routes.js';
import { webhookRoutes } from './routes/webhooks.routes.js';
import { addressRefused, clientIp, corsForBrowsers, fixedHeaders, ipFilter } from './security.js';
import { asyncMiddleware, handle, jsonOnly } from './express-routes.js';
import { methodNotAllowed, mountOperationalRoutes } from './operational-routes.js';

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

  mountOperationalRoutes(app, deps, config, openapi);

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
