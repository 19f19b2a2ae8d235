import Joi from 'joi';
import { ADMIN_RIGHTS, CONVERSATION_KINDS, MEMBER_PERMISSIONS, RESTRICTABLE } from '@parley/core';
import { count, date, id, list, optionalDate, ref, req, role } from './schema-kit.js';
import { Message } from './messages.js';

/** What the API answers about conversations: the conversation, its members, invites, bans, restrictions. */

export const Invite = ref(
  'Invite',
  Joi.object(
    req({
      code: Joi.string(),
      conversationId: id,
      createdBy: id,
      name: Joi.string().allow(null),
      expiresAt: optionalDate,
      usageLimit: Joi.number().integer().min(1).allow(null),
      requiresApproval: Joi.boolean(),
      createdAt: date,
      revokedAt: optionalDate,
      revokedBy: id.allow(null),
      useCount: count,
      state: Joi.string().valid('active', 'expired', 'revoked', 'full'),
    }),
  ),
);

export const InviteUse = ref(
  'InviteUse',
  Joi.object(req({ code: Joi.string(), conversationId: id, userId: id, joinedAt: date })),
);

export const JoinRequest = ref(
  'JoinRequest',
  Joi.object(req({ conversationId: id, userId: id, code: Joi.string(), requestedAt: date })),
);

export const InvitePreview = ref(
  'InvitePreview',
  Joi.object(
    req({
      code: Joi.string(),
      state: Joi.string().valid('active', 'expired', 'revoked', 'full'),
      requiresApproval: Joi.boolean(),
      conversation: Joi.object(
        req({
          id,
          kind: Joi.string().valid(...CONVERSATION_KINDS),
          name: Joi.string().allow(null),
          description: Joi.string().allow(null, ''),
          avatarMediaId: id.allow(null),
          memberCount: count,
        }),
      ),
    }),
  ),
);

export const conversationKeys = req({
  id,
  kind: Joi.string().valid(...CONVERSATION_KINDS),
  name: Joi.string().allow(null),
  username: Joi.string().allow(null),
  description: Joi.string().allow(null, ''),
  avatarMediaId: id.allow(null),
  settings: Joi.object({
    ...req({ retentionDays: Joi.number().integer().allow(null) }),
    slowModeSeconds: Joi.number().integer().allow(null),
    editWindowSeconds: Joi.number().integer().allow(null),
    comments: Joi.boolean(),
    permissions: Joi.object(Object.fromEntries(MEMBER_PERMISSIONS.map((p) => [p, Joi.boolean()]))),
  }),
  createdBy: id,
  memberLimit: Joi.number().integer().allow(null),
  lastMessageSeq: count,
  lastEventSeq: count,
  lastMessageAt: optionalDate,
  lastActivityAt: date,
  createdAt: date,
  updatedAt: date,
});

/** When a moderator shut it (absent or null: open). */
export const shutKey = { shutAt: optionalDate };

/** A conversation as one member sees it: their role, unread count and the last message they can see. */
export const Conversation = ref(
  'Conversation',
  Joi.object({
    ...conversationKeys,
    ...shutKey,
    ...req({
      myRole: role,
      unreadCount: count,
      lastReadSeq: count,
      lastMessage: Message.allow(null),
      mutedUntil: optionalDate,
    }),
  }),
);

/** A conversation as stored, for moderators (deleted ones too; records older than usernames lack the field). */
export const ConversationRecord = ref(
  'ConversationRecord',
  Joi.object({
    ...conversationKeys,
    ...shutKey,
    username: Joi.string().allow(null),
    ...req({ directKey: Joi.string().allow(null), deletedAt: optionalDate }),
  }).unknown(true),
);

/** What an admin took away from a member (`send`: read-only), until when (null: until lifted). */
export const Restriction = ref(
  'Restriction',
  Joi.object(
    req({
      deny: Joi.array().items(Joi.string().valid(...RESTRICTABLE)),
      until: optionalDate,
      by: id,
      at: date,
    }),
  ),
);

/** Someone banned from a conversation (listed to its owner and admins). */
export const ConversationBan = ref(
  'ConversationBan',
  Joi.object(
    req({
      conversationId: id,
      userId: id,
      bannedBy: id,
      reason: Joi.string().allow(null),
      until: optionalDate,
      createdAt: date,
    }),
  ),
);

export const Participant = ref(
  'Participant',
  Joi.object(
    req({
      conversationId: id,
      userId: id,
      role,
      state: Joi.string().valid('active', 'left'),
      joinedAt: date,
      leftAt: optionalDate,
      lastReadSeq: count,
      lastReadAt: optionalDate,
      lastDeliveredSeq: count,
      lastDeliveredAt: optionalDate,
      mutedUntil: optionalDate,
    }),
  ).keys({
    restrictions: Restriction.allow(null),
    rights: Joi.array()
      .items(Joi.string().valid(...ADMIN_RIGHTS))
      .allow(null),
  }),
);

/** The outcome of joining through a link: joined (your participant row) or requested (admins decide). */
export const JoinResult = ref(
  'JoinResult',
  Joi.object(req({ status: Joi.string().valid('joined', 'requested'), participant: Participant.allow(null) })),
);

/** A public group or channel as anyone signed in sees it before joining. */
export const PublicConversation = ref(
  'PublicConversation',
  Joi.object(
    req({
      id,
      kind: Joi.string().valid('group', 'channel'),
      name: Joi.string().allow(null),
      username: Joi.string(),
      description: Joi.string().allow(null, ''),
      avatarMediaId: id.allow(null),
      memberCount: count,
      joined: Joi.boolean(),
    }),
  ),
);

export const BulkAdded = Joi.object(
  req({
    results: list(
      Joi.object({
        userId: id.required(),
        status: Joi.string().valid('added', 'failed').required(),
        participant: Participant,
        error: Joi.object(req({ code: Joi.string(), message: Joi.string() })),
      }),
    ),
  }),
);

export const Typing = Joi.object(req({ userId: id, expiresAt: date }));

export const Muted = Joi.object(req({ mutedUntil: optionalDate }));

/** Which messages of the conversation notify you. */
export const NotifyLevel = Joi.object(req({ level: Joi.string().valid('all', 'mentions', 'none') }));

/** Typing until (null once stopped). */
export const TypingStarted = Joi.object(req({ expiresAt: optionalDate }));
