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

const familyOf = (ip: string) => (isIP(ip) === 6 ? 'ipv6' : 'ipv4');
const normalize = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');

/** Refuses clients on the block list, and (when an allow list is set) everyone not on it. */
export function ipFilter(allow: readonly string[], block: readonly string[]) {
  const allowed = allow.length ? blockListOf(allow) : null;
  const blocked = blockListOf(block);
  return (req: Request, res: Response, next: NextFunction) => {
    const ip = normalize(req.ip ?? '');
    const refused = !isIP(ip) || blocked.check(ip, familyOf(ip)) || (allowed !== null && !allowed.check(ip, familyOf(ip)));
    if (refused) return sendError(res, new HttpError(403, 'ip_not_allowed', 'requests from this address are not allowed'));
    next();
  };
}

export const clientIp = (req: Request): string => normalize(req.ip ?? 'unknown');
