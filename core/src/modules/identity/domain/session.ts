import type { Issues } from '../../../shared/validate.js';

/** What a client says about the device it signs in from, and where the request came from. */
export interface SessionDevice {
  /** Set by the client, e.g. "Ann's phone"; null when it did not say. */
  name: string | null;
  /** e.g. ios, android, web, desktop, cli, bot; free text, as the client says. */
  platform: string | null;
  clientVersion: string | null;
  /** The User-Agent header of the request that signed in (trimmed). */
  userAgent: string | null;
  /** The address of the latest sign-in or refresh. */
  ip: string | null;
}

/** A refresh-token family: one login on one device, rotated on every refresh. */
export interface RefreshTokenFamily {
  id: string;
  userId: string;
  /** Hash of the one refresh secret that is valid now. */
  tokenHash: string;
  device: SessionDevice;
  createdAt: Date;
  rotatedAt: Date;
  /** The latest refresh or use of one of its access tokens (kept to within a minute). */
  lastActiveAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

/** A session as its owner sees it. */
export interface SessionView extends SessionDevice {
  id: string;
  createdAt: Date;
  lastActiveAt: Date;
  expiresAt: Date;
  /** The session making this request. */
  current: boolean;
}

export const NO_DEVICE: SessionDevice = { name: null, platform: null, clientVersion: null, userAgent: null, ip: null };

/** Where a sign-in comes from, as the edge saw it (not the client's say). */
export interface RequestOrigin {
  ip?: string | null;
  userAgent?: string | null;
}

/** The device a sign-in names (every field optional), with the request's origin; null where nothing was said. */
export function readDevice(issues: Issues, input: unknown, origin: RequestOrigin = {}): SessionDevice {
  if (input !== undefined && input !== null && (typeof input !== 'object' || Array.isArray(input)))
    issues.add('device', 'must be an object');
  const device = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const field = (name: string, max: number) => issues.text(`device.${name}`, device[name], { min: 1, max }) ?? null;
  return {
    name: field('name', 64),
    platform: field('platform', 32),
    clientVersion: field('clientVersion', 32),
    userAgent: origin.userAgent ? origin.userAgent.slice(0, 256) : null,
    ip: origin.ip ? origin.ip.slice(0, 64) : null,
  };
}

export const toSessionView = (session: RefreshTokenFamily, currentId: string): SessionView => ({
  id: session.id,
  ...session.device,
  createdAt: session.createdAt,
  lastActiveAt: session.lastActiveAt,
  expiresAt: session.expiresAt,
  current: session.id === currentId,
});
