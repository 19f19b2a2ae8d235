import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type Request, type Response, type NextFunction } from 'express';
import swaggerUi from 'swagger-ui-express';
import { HttpError, sendError } from './errors.js';
import { buildAsyncApi } from './asyncapi.js';
import { buildBotApiDocument } from './bot-api/bot-openapi.js';
import type { HttpConfig, HttpDeps } from './http-app.js';
import type { buildOpenApi } from './openapi.js';
import type { RouteSpec } from './routes/route.js';

/**
 * What operators and tools ask a process, beside the API: liveness and readiness, metrics (behind a token unless
 * configured open), the web client's files, and the API documents (OpenAPI, the Bot API's, AsyncAPI, Swagger UI).
 */
export function mountOperationalRoutes(
  app: Express,
  deps: HttpDeps,
  config: HttpConfig,
  openapi: ReturnType<typeof buildOpenApi>,
) {
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
}

/** The paths above, each taking GET only (for the 405 answer of methodNotAllowed). */
const OPERATIONS = ['/health', '/ready', '/metrics', '/api/openapi.json', '/api/asyncapi.json', '/api/bot-api.json'];

/** A known path asked with a method it does not take: 405 with the methods it does take in Allow. */
export function methodNotAllowed(routes: readonly RouteSpec[], pages: string[]) {
  const operations = [...OPERATIONS, ...pages].map((path) => ({
    pattern: new RegExp(`^${path.replace(/\./g, '\\.')}$`),
    methods: ['GET'],
  }));
  const byPath = new Map<string, { pattern: RegExp; methods: string[] }>();
  for (const route of routes) {
    const source = `^/api/v1${route.path.replace(/:\w+/g, '[^/]+').replace(/\*\w+/g, '.+')}/?$`;
    const entry = byPath.get(source) ?? { pattern: new RegExp(source), methods: [] };
    entry.methods.push(route.method.toUpperCase());
    byPath.set(source, entry);
  }
  const known = [...byPath.values(), ...operations];
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
