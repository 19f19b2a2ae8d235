import type { ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { HttpError, sendError } from './errors.js';

/** Builds a BlockList from entries like `10.0.0.1`, `10.0.0.0/8` or `::1`. */
export function blockListOf(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!address || !isIP(address)) throw new Error(`not an IP address or CIDR range: ${entry}`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
}

/** An IPv4 address as itself, not IPv4-mapped IPv6. */
export const normalizeIp = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Whether an address is refused: on the block list, or (when an allow list is set) not on it. */
export function addressRefused(allow: readonly string[], block: readonly string[]): (ip: string) => boolean {
  const allowed = allow.length ? blockListOf(allow) : null;
  const blocked = block.length ? blockListOf(block) : null;
  return (address) => {
    const ip = normalizeIp(address);
    const version = isIP(ip);
    const family = version === 6 ? 'ipv6' : 'ipv4';
    return (
      version === 0 ||
      (blocked !== null && blocked.check(ip, family)) ||
      (allowed !== null && !allowed.check(ip, family))
    );
  };
}

export const ipNotAllowed = () => new HttpError(403, 'ip_not_allowed', 'requests from this address are not allowed');

/** Refuses clients on the block list, and (when an allow list is set) everyone not on it. */
export function ipFilter(refused: (ip: string) => boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (refused(req.ip ?? '')) return sendError(res, ipNotAllowed());
    next();
  };
}

export const clientIp = (req: Request): string => normalizeIp(req.ip ?? 'unknown');

type Middleware = (req: Request, res: Response, next: (error?: unknown) => void) => void;

/** Headers every response carries: set on a response in one step. */
export interface FixedHeaders {
  apply(res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>): void;
  /** The same headers as `[name, value, name, value, ...]`, for a response written with one `writeHead`. */
  flat: readonly string[];
  middleware: Middleware;
}

/**
 * Helmet's headers, worked out once. With CSP off, every header helmet sets is the same on every response,
 * so its dozen middlewares run once at start-up against a recorder, and each response gets the recorded
 * headers in one step instead of a dozen middleware calls (a measurable share of a small request).
 */
export function fixedHeaders(middleware: Middleware): FixedHeaders {
  const set: [string, string | string[]][] = [];
  const removed: string[] = [];
  let ran = false;
  const recorder = {
    setHeader: (name: string, value: string | string[]) => {
      set.push([name, value]);
      return recorder;
    },
    removeHeader: (name: string) => {
      removed.push(name);
    },
  };
  middleware({ headers: {} } as Request, recorder as unknown as Response, (error) => {
    if (error) throw error;
    ran = true;
  });
  if (!ran) throw new Error('fixedHeaders: the middleware did not finish synchronously, so its headers are not fixed');
  const apply = (res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
  };
  const flat = set.flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, value]));
  return {
    apply,
    flat,
    middleware: (_req, res, next) => {
      apply(res);
      next();
    },
  };
}

/**
 * CORS for browsers only: a request without an Origin header comes from no browser page, so it needs no
 * CORS headers (only `Vary: Origin`, so a cache keeps the two answers apart) and skips the cors middleware.
 * OPTIONS always goes through it, so every OPTIONS request gets the same 204 whoever sends it.
 */
export function corsForBrowsers(cors: Middleware): Middleware {
  return (req, res, next) => {
    if (req.headers.origin !== undefined || req.method === 'OPTIONS') return cors(req, res, next);
    res.vary('Origin');
    next();
  };
}
