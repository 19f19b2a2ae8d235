import type { InviteLink, InviteUse, JoinRequest } from '../domain/invite.js';

export const InviteStore = Symbol.for('InviteStore');

export type ClaimOutcome = 'claimed' | 'full' | 'used';

export interface InviteStore {
  /** Stores a new link (its code is new). */
  create(link: InviteLink): Promise<void>;
  /** The link with this code (revoked ones too), or null. */
  findByCode(code: string): Promise<InviteLink | null>;
  /** A conversation's links, the newest first, revoked ones included. */
  list(conversationId: string): Promise<InviteLink[]>;
  /** Marks the link revoked (once: a revoked link keeps its first revokedAt); the link, or null if missing. */
  revoke(code: string, by: string, at: Date): Promise<InviteLink | null>;
  /**
   * Records that the user joins through the link: 'used' if they did before (nothing changes), 'full' if
   * `usageLimit` uses exist. Holds under concurrency, also across processes: however many claim at once,
   * at most `usageLimit` uses are stored and each user has at most one per link.
   */
  claimUse(use: InviteUse, usageLimit: number | null): Promise<ClaimOutcome>;
  /** Uses of a link, the most recent first, at most `limit`. */
  listUses(code: string, limit: number): Promise<InviteUse[]>;
  /** Number of uses per code (codes with none are absent). */
  countUses(codes: readonly string[]): Promise<Map<string, number>>;
  /** Stores a join request; false (nothing changes) if the user already has one pending in that conversation. */
  addRequest(request: JoinRequest): Promise<boolean>;
  /** Pending requests of a conversation, the oldest first. */
  listRequests(conversationId: string): Promise<JoinRequest[]>;
  /** Takes the pending request away and returns it; null if there was none (so two deciders cannot both act). */
  takeRequest(conversationId: string, userId: string): Promise<JoinRequest | null>;
}
