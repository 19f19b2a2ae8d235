/** How a route of the table runs inside Express (the hot path runs the hot ones without it: hot-path.ts). */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from './errors.js';
import type { RouteRunner } from './route-runner.js';
import type { RouteSpec } from './routes/route.js';
import { clientIp } from './security.js';
import type { Serialized } from './serializers.js';
import { writeReply } from './write-reply.js';

/** JSON bodies only on routes that take one; a body of another type gets 415. */
export function jsonOnly(json: RequestHandler, route: RouteSpec) {
  return (req: Request, res: Response, next: NextFunction) => {
    const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!hasBody) return next();
    if (!route.body) return json(req, res, next);
    if (!req.is('application/json'))
      return next(new HttpError(415, 'unsupported_media_type', 'send JSON with Content-Type: application/json'));
    json(req, res, next);
  };
}

/** Runs a route and writes its answer; a failure goes to Express's error handler. */
export function handle(
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

/** A middleware that awaits `run` (its failure goes to the error handler). */
export function asyncMiddleware(run: (req: Request) => Promise<void>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    run(req).then(() => next(), next);
  };
}
