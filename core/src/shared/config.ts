import type { RateLimitRule } from './ports/rate-limiter.port.js';

/** Tunables of the core; apps parse them from configuration and pass them in once. */
export interface CoreConfig {
  /** How long after sending an author may delete a message for everyone. */
  deleteForEveryoneWindowMs: number;
  /** How long a typing indicator lives unless renewed. */
  typingTtlMs: number;
  /** How long a connection counts as online without a heartbeat. */
  presenceTtlMs: number;
  /** Emails that get the platform admin role when they register. */
  adminEmails: readonly string[];
  /** Per-user send rate; null disables the check. */
  sendRate: RateLimitRule | null;
  /** Largest accepted upload in bytes. */
  maxUploadBytes: number;
  /** How long upload and download URLs stay valid. */
  mediaUrlTtlMs: number;
  defaultGroupMemberLimit: number;
  /**
   * New accounts must follow the link e-mailed to them before they can sign in (sign-up then answers without
   * tokens). Accounts made before it was turned on are asked to verify at their next sign-in.
   */
  requireEmailVerification: boolean;
  /**
   * Where bots' webhooks may point: HTTPS to public hosts only unless these allow plain HTTP, or loopback and
   * private addresses (a development setup, or a test's receiver on this machine).
   */
  botWebhooks: { allowHttp: boolean; allowPrivateHosts: boolean };
  /**
   * Integration webhooks (the same URL rules as bots' apply): the wait before each try after a failure (the last
   * repeats), and how many failures in a row pause a webhook.
   */
  webhooks: { retryDelaysMs: readonly number[]; pauseAfterFailures: number };
}

export const DEFAULT_CONFIG: CoreConfig = {
  deleteForEveryoneWindowMs: 48 * 60 * 60 * 1000,
  typingTtlMs: 6_000,
  presenceTtlMs: 60_000,
  adminEmails: [],
  sendRate: { limit: 20, windowMs: 1_000 },
  maxUploadBytes: 25 * 1024 * 1024,
  mediaUrlTtlMs: 15 * 60 * 1000,
  defaultGroupMemberLimit: 1000,
  requireEmailVerification: false,
  botWebhooks: { allowHttp: false, allowPrivateHosts: false },
  webhooks: { retryDelaysMs: [1_000, 5_000, 30_000, 120_000, 600_000], pauseAfterFailures: 20 },
};
