import type { ConversationKind, ConversationSettings } from './conversation.js';
import type { ParticipantRole } from './participant.js';
import { permissionsOf, rightsOf, type AdminRight, type MemberPermission } from './rights.js';

/**
 * The one place conversation-level authorization is decided: kind x role x action, narrowed by an admin's
 * rights and a group's member permissions (rights.ts). Use cases ask `can()`; nothing else compares roles
 * for permission.
 */
export type Action =
  | 'conversation.update'
  | 'conversation.delete'
  | 'participant.list'
  | 'participant.add'
  | 'participant.remove'
  | 'participant.changeRole'
  | 'participant.ban'
  | 'participant.restrict'
  | 'message.send'
  | 'message.comment'
  | 'message.deleteAny'
  | 'message.react'
  | 'message.pin'
  | 'poll.vote'
  | 'views.see'
  | 'invite.manage'
  | 'receipts.view'
  | 'typing';

type Table = Record<ConversationKind, Partial<Record<ParticipantRole, readonly Action[]>>>;

const POSTER: readonly Action[] = [
  'participant.list',
  'message.send',
  'message.comment',
  'message.react',
  'poll.vote',
  'typing',
];

export const POLICY: Table = {
  direct: {
    member: [...POSTER, 'receipts.view', 'conversation.delete', 'message.pin'],
  },
  group: {
    owner: [
      ...POSTER,
      'receipts.view',
      'conversation.update',
      'conversation.delete',
      'participant.add',
      'participant.remove',
      'participant.ban',
      'participant.restrict',
      'participant.changeRole',
      'message.deleteAny',
      'message.pin',
      'invite.manage',
    ],
    admin: [
      ...POSTER,
      'receipts.view',
      'conversation.update',
      'participant.changeRole',
      'participant.add',
      'participant.remove',
      'participant.ban',
      'participant.restrict',
      'message.deleteAny',
      'message.pin',
      'invite.manage',
    ],
    member: [...POSTER, 'receipts.view', 'participant.add'],
  },
  channel: {
    owner: [
      ...POSTER,
      'receipts.view',
      'conversation.update',
      'conversation.delete',
      'participant.add',
      'participant.remove',
      'participant.ban',
      'participant.restrict',
      'participant.changeRole',
      'message.deleteAny',
      'message.pin',
      'invite.manage',
      'views.see',
    ],
    admin: [
      ...POSTER,
      'receipts.view',
      'conversation.update',
      'participant.changeRole',
      'participant.add',
      'participant.remove',
      'participant.ban',
      'participant.restrict',
      'message.deleteAny',
      'message.pin',
      'invite.manage',
      'views.see',
    ],
    // message.comment: only in channels whose settings.comments is on (SendMessage checks).
    subscriber: ['message.react', 'poll.vote', 'message.comment'],
  },
};

/** The admin right an action needs on top of the role (none: the role alone decides). */
const RIGHT_FOR: Partial<Record<Action, AdminRight>> = {
  'conversation.update': 'changeInfo',
  'message.deleteAny': 'deleteMessages',
  'participant.remove': 'banUsers',
  'participant.ban': 'banUsers',
  'participant.restrict': 'banUsers',
  'participant.add': 'inviteUsers',
  'invite.manage': 'inviteUsers',
  'message.pin': 'pinMessages',
  'participant.changeRole': 'addAdmins',
};

/** What a group member's permission decides instead of the table. */
const PERMISSION_FOR: Partial<Record<Action, MemberPermission>> = {
  'message.send': 'sendMessages',
  'message.comment': 'sendMessages',
  'participant.add': 'addMembers',
  'message.pin': 'pinMessages',
  'conversation.update': 'changeInfo',
};

/** What nobody may do in a conversation a moderator shut (reading, leaving and deleting stay). */
const SHUT_STOPS = new Set<Action>([
  'conversation.update',
  'participant.add',
  'message.send',
  'message.comment',
  'message.react',
  'message.pin',
  'poll.vote',
  'invite.manage',
  'typing',
]);

/** Whether a moderator's shutting of the conversation stops this action. */
export const shutStops = (conversation: { shutAt?: Date | null }, action: Action): boolean =>
  !!conversation.shutAt && SHUT_STOPS.has(action);

/**
 * Whether this participant may do this here: not in a shut conversation, then the role's row, an admin's rights,
 * a group's member permissions.
 */
export function can(
  conversation: {
    kind: ConversationKind;
    settings: Pick<ConversationSettings, 'permissions'>;
    shutAt?: Date | null;
  },
  participant: { role: ParticipantRole; rights?: AdminRight[] | null },
  action: Action,
): boolean {
  if (shutStops(conversation, action)) return false;
  const { kind } = conversation;
  const { role } = participant;
  const permission = kind === 'group' && role === 'member' ? PERMISSION_FOR[action] : undefined;
  if (permission) return permissionsOf(conversation.settings)[permission];
  if (!(POLICY[kind][role]?.includes(action) ?? false)) return false;
  const right = kind === 'channel' && action === 'message.send' ? 'postMessages' : RIGHT_FOR[action];
  return right === undefined || role !== 'admin' || rightsOf(participant).includes(right);
}

/** What each action is, in words a person reads in an error message. */
const DOING: Record<Action, string> = {
  'conversation.update': "change this conversation's details",
  'conversation.delete': 'delete this conversation',
  'participant.list': 'see who is in this conversation',
  'participant.add': 'add people',
  'participant.remove': 'remove people',
  'participant.changeRole': "change people's roles",
  'participant.ban': 'ban people',
  'participant.restrict': 'restrict members',
  'message.send': 'post here',
  'message.comment': 'comment here',
  'message.deleteAny': "delete other people's messages",
  'message.react': 'react here',
  'message.pin': 'pin messages here',
  'poll.vote': 'vote in polls here',
  'views.see': 'see how many people saw each post',
  'invite.manage': 'manage invite links and join requests',
  'receipts.view': 'see read receipts here',
  typing: 'show typing here',
};

export const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

/** Why the policy refuses: "as a member of this channel, you may not post here". */
export const refusal = (kind: ConversationKind, role: ParticipantRole, action: Action): string =>
  `as ${withArticle(role)} of this ${kind}, you may not ${DOING[action]}`;
