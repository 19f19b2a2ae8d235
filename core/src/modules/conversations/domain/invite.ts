/** A link that lets people join a group or channel without being added one by one. */
export interface InviteLink {
  /** Unguessable and URL-safe: the link is `/invites/<code>`. */
  code: string;
  conversationId: string;
  createdBy: string;
  /** A label for admins ("newsletter footer"). */
  name: string | null;
  expiresAt: Date | null;
  /** How many people may join through the link; null: no limit. */
  usageLimit: number | null;
  /** Joining asks the admins first (a join request) instead of joining at once. */
  requiresApproval: boolean;
  createdAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** Who joined through which link, and when: the admins' record of a link's use. */
export interface InviteUse {
  code: string;
  conversationId: string;
  userId: string;
  joinedAt: Date;
}

/** Someone asked to join through a link that requires approval; an admin approves or declines. */
export interface JoinRequest {
  conversationId: string;
  userId: string;
  code: string;
  requestedAt: Date;
}

export const MAX_INVITE_USAGE_LIMIT = 100_000;
/** Live (unrevoked) links a conversation may have at once. */
export const MAX_LIVE_INVITES = 100;

export type InviteState = 'active' | 'expired' | 'revoked' | 'full';

export function inviteState(link: InviteLink, uses: number, now: Date): InviteState {
  if (link.revokedAt) return 'revoked';
  if (link.expiresAt && link.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (link.usageLimit !== null && uses >= link.usageLimit) return 'full';
  return 'active';
}
