import type { ConversationKind } from './conversation.js';
import type { Restriction } from './restriction.js';
import type { AdminRight } from './rights.js';

export type ParticipantRole = 'owner' | 'admin' | 'member' | 'subscriber';

/** Which messages of a conversation notify this member: every one, those mentioning them, or none. */
export type NotifyLevel = 'all' | 'mentions' | 'none';
export const NOTIFY_LEVELS: readonly NotifyLevel[] = ['all', 'mentions', 'none'];

export interface Participant {
  conversationId: string;
  userId: string;
  role: ParticipantRole;
  state: 'active' | 'left';
  joinedAt: Date;
  leftAt: Date | null;
  lastReadSeq: number;
  lastReadAt: Date | null;
  lastDeliveredSeq: number;
  lastDeliveredAt: Date | null;
  mutedUntil: Date | null;
  /** Which messages notify them (absent or null: all; a mute still holds back all but mentions until it ends). */
  notify?: NotifyLevel | null;
  /** What an admin took away from this member, and until when (absent on rows stored before restrictions). */
  restrictions?: Restriction | null;
  /** An admin's rights (absent or null: every right, as admins had before rights existed; see rights.ts). */
  rights?: AdminRight[] | null;
}

/** The fields of a membership that change after it is made. */
export type ParticipantPatchable = 'role' | 'state' | 'leftAt' | 'mutedUntil' | 'notify' | 'restrictions' | 'rights';

/** The roles each kind of conversation knows; anything else is a validation error. */
export const ROLES_BY_KIND: Record<ConversationKind, readonly ParticipantRole[]> = {
  direct: ['member'],
  group: ['owner', 'admin', 'member'],
  channel: ['owner', 'admin', 'subscriber'],
};

export const defaultRole = (kind: ConversationKind): ParticipantRole => (kind === 'channel' ? 'subscriber' : 'member');

const RANK: Record<ParticipantRole, number> = { owner: 3, admin: 2, member: 1, subscriber: 1 };

/** An actor may act on another participant only from a strictly higher rank. */
export const outranks = (actor: ParticipantRole, target: ParticipantRole): boolean => RANK[actor] > RANK[target];

export function newParticipant(conversationId: string, userId: string, role: ParticipantRole, at: Date): Participant {
  return {
    conversationId,
    userId,
    role,
    state: 'active',
    joinedAt: at,
    leftAt: null,
    lastReadSeq: 0,
    lastReadAt: null,
    lastDeliveredSeq: 0,
    lastDeliveredAt: null,
    mutedUntil: null,
    restrictions: null,
  };
}
