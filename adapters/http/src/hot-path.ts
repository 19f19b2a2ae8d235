import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Request } from 'express';
import proxyaddr from 'proxy-addr';
import type { Logger } from '@parley/core';
import { HttpError } from './errors.js';
import type { HttpMetrics } from './metrics.js';
import type { RequestLimits } from './request-limits.js';
import { logRequest } from './request-log.js';
import { hasOwnLimits, toHttpError, type RouteRunner } from './route-runner.js';
import type { RouteSpec } from './routes/route.js';
import { ipNotAllowed, normalizeIp, type FixedHeaders } from './security.js';
import type { Serialized } from './serializers.js';
import { writeError, writeReply } from './write-reply.js';

export interface HotPathDeps {
  /** The operations it takes (a send, a history page, a read mark): none may read `ctx.req`. */
  routes: readonly RouteSpec[];
  runner: RouteRunner;
  limits: RequestLimits;
  serializerFor: (route: RouteSpec) => (status: number, body: unknown) => Serialized | null;
  headers: FixedHeaders;
  refused: (ip: string) => boolean;
  /** Express's compiled `trust proxy`, so both edges believe the same client address. */
  trust: (address: string, hop: number) => boolean;
  bodyLimitBytes: number;
  logger: Logger;
  metrics: HttpMetrics;
}

interface HotRoute {
  route: RouteSpec;
  method: string;
  pattern: RegExp;
  names: string[];
  serialize: (status: number, body: unknown) => Serialized | null;
}

/**
 * The hot operations without Express: what most requests are, answered in one function that does what the
 * Express chain does for them — the request id and log, helmet's headers, `Vary: Origin`, the address filter,
 * the per-address limit, the JSON body, then the same `RouteRunner` (authentication, validation, the handler)
 * and the same serialisers. Returns false for anything it does not take exactly as Express would, and Express
 * then answers it: another route, another method (HEAD, OPTIONS), a browser's request (Origin: CORS), a path that
 * Express would decode or match loosely (a parameter that is not all unreserved characters, a trailing slash, other
 * letter case, a fragment), a body that is chunked, compressed, not JSON, not UTF-8 or over the limit.
 * `docs/performance.md` has what it saves.
 */
export function hotPath(deps: HotPathDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const routes: HotRoute[] = deps.routes.map((route) => {
    if (hasOwnLimits(route) || route.stream || route.auth === false)
      throw new Error(`${route.method} ${route.path} cannot take the hot path: it has limits or a body of its own`);
    const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    // A parameter of unreserved characters only: nothing Express would decode or parse differently.
    const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([A-Za-z0-9._~-]+)');
    return {
      route,
      method: route.method.toUpperCase(),
      pattern: new RegExp(`^/api/v1${source}$`),
      names,
      serialize: deps.serializerFor(route),
    };
  });

  return (req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith('/api/v1/') || url.includes('#') || req.headers.origin !== undefined) return false;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    let hot: HotRoute | undefined;
    let match: RegExpExecArray | null = null;
    for (const candidate of routes)
      if (candidate.method === req.method && (match = candidate.pattern.exec(path))) {
        hot = candidate;
        break;
      }
    if (!hot || !match || !takesBody(req, hot.route, deps.bodyLimitBytes)) return false;
    const params: Record<string, string> = {};
    for (let i = 0; i < hot.names.length; i += 1) params[hot.names[i]!] = match[i + 1]!;
    const query = queryAt === -1 ? {} : (parseQuery(url.slice(queryAt + 1)) as Record<string, unknown>);
    void answer(deps, hot, req, res, path.slice('/api/v1'.length), params, query);
    return true;
  };
}

/** Whether the request's body (or its absence) is one the hot path reads exactly as `express.json` would. */
function takesBody(req: IncomingMessage, route: RouteSpec, limit: number): boolean {
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'] === undefined ? 0 : Number(headers['content-length']);
  if (length === 0) return true;
  if (!route.body || !(length > 0 && length <= limit)) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  return JSON_TYPE.test(headers['content-type'] ?? '');
}

/** `application/json`, with no parameter but a UTF-8 charset. */
const JSON_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

async function answer(
  deps: HotPathDeps,
  hot: HotRoute,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  params: Record<string, string>,
  query: Record<string, unknown>,
): Promise<void> {
  let userId: string | null = null;
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const requestId = logRequest(
    deps,
    header('x-request-id'),
    res,
    () => ({ method: req.method!, path, route: hot.route.path, userId }),
    false,
  );
  // Helmet's headers, Vary and the request id, then the answer's own: written with the status in one writeHead.
  const head = [...deps.headers.flat, 'vary', 'Origin', 'x-request-id', requestId];
  const fixed = head.length;
  try {
    const address = proxyaddr(req, deps.trust) ?? '';
    if (deps.refused(address)) throw ipNotAllowed();
    const ip = normalizeIp(address || 'unknown');
    await deps.limits.consume('perIp', ip);
    const body = Number(req.headers['content-length'] ?? 0) > 0 ? await readJson(req) : undefined;
    const out = await deps.runner.run(
      hot.route,
      {
        header,
        ip,
        params,
        body,
        query,
        get req(): Request {
          throw new Error(`${hot.route.path} is a hot route: its handler reads headers with ctx.header, not ctx.req`);
        },
      },
      (id) => (userId = id),
    );
    writeReply(res, out, hot.serialize, head);
  } catch (error) {
    head.length = fixed; // (what a reply that failed halfway had gathered is not sent)
    writeError(res, toHttpError(error, { method: req.method!, path }, deps.logger), head);
  }
}

/** The body as `express.json` (strict) reads it: UTF-8, a byte-order mark dropped, an object or an array. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const aborted = () => reject(new HttpError(400, 'bad_request', 'request aborted'));
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', aborted);
    req.once('close', () => {
      if (!req.complete) aborted();
    });
  });
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // trimStart drops JSON's whitespace and more; a body that starts with the more fails JSON.parse, as it should.
  const first = text.trimStart()[0];
  try {
    if (first !== '{' && first !== '[') throw new SyntaxError('not an object or an array');
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  }
}
