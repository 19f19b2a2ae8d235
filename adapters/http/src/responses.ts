import Joi from 'joi';
import {
  ADMIN_RIGHTS,
  AUDIENCES,
  CONVERSATION_KINDS,
  FILE_TYPES,
  IMAGE_TYPES,
  MEMBER_PERMISSIONS,
  PRIVACY_SETTINGS,
  RESTRICTABLE,
} from '@parley/core';

/**
 * What each operation answers, as joi schemas the API document is generated from (components by
 * `meta({ ref })`). The server does not validate its own responses at run time; the HTTP test suites
 * check every response they receive against the document instead (ResponseConformance), so a field
 * added, dropped or retyped without the document changing fails the build.
 */
const ref = <T extends Joi.Schema>(name: string, schema: T): T => schema.meta({ ref: name }) as T;
const id = Joi.string();
const date = Joi.string().isoDate();
const optionalDate = date.allow(null);
const text = Joi.string().allow('');
const count = Joi.number().integer().min(0);
const list = (item: Joi.Schema) => Joi.array().items(item).required();
/** A page of a list: the items and the cursor of the next page (null at the end). */
export const pageOf = (item: Joi.Schema) =>
  Joi.object({ data: list(item), nextCursor: Joi.string().allow(null).required() });
const req = <T extends Record<string, Joi.Schema>>(keys: T) =>
  Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, v.required()])) as T;

const role = Joi.string().valid('owner', 'admin', 'member', 'subscriber');
const presenceStatus = Joi.string().valid('online', 'away', 'offline');

export const PublicUser = ref(
  'PublicUser',
  Joi.object(
    req({
      id,
      username: Joi.string(),
      displayName: Joi.string(),
      bio: text,
      avatarMediaId: id.allow(null),
      lastSeenAt: optionalDate,
      deleted: Joi.boolean(),
    }),
  ),
);
const privateUserKeys = {
  /** A temporary platform ban's end (absent on accounts never banned for a time). */
  bannedUntil: optionalDate,
  ...req({
    id,
    email: Joi.string(),
    username: Joi.string(),
    displayName: Joi.string(),
    bio: text,
    avatarMediaId: id.allow(null),
    role: Joi.string().valid('user', 'moderator', 'admin'),
    bannedAt: optionalDate,
    banReason: Joi.string().allow(null),
    lastSeenAt: optionalDate,
    erasedAt: optionalDate,
    createdAt: date,
    updatedAt: date,
  }),
};
export const PrivateUser = ref('PrivateUser', Joi.object(privateUserKeys));
/** Yourself with your presence, or anyone else's public profile with theirs. */
export const Profile = ref(
  'Profile',
  Joi.alternatives().try(
    Joi.object({ ...privateUserKeys, status: presenceStatus.required() }),
    Joi.object({
      ...req({
        id,
        username: Joi.string(),
        displayName: Joi.string(),
        bio: text,
        avatarMediaId: id.allow(null),
        lastSeenAt: optionalDate,
        deleted: Joi.boolean(),
      }),
      status: presenceStatus.required(),
    }),
  ),
);
export const Session = ref(
  'Session',
  Joi.object(
    req({
      user: PrivateUser,
      accessToken: Joi.string(),
      refreshToken: Joi.string(),
      expiresIn: Joi.number().integer().min(1),
    }),
  ),
);

/** A span of a message's text (offsets and lengths in UTF-16 code units); a mention of a member names them. */
const Entity = ref(
  'MessageEntity',
  Joi.object({
    ...req({
      type: Joi.string().valid('bold', 'italic', 'code', 'pre', 'mention', 'url', 'hashtag'),
      offset: count,
      length: count,
    }),
    userId: id,
  }),
);
const pollOption = Joi.object(req({ id: Joi.string(), text: Joi.string() }));
export const Poll = ref(
  'Poll',
  Joi.object(
    req({
      question: Joi.string(),
      options: list(pollOption),
      multiple: Joi.boolean(),
      anonymous: Joi.boolean(),
      closedAt: optionalDate,
    }),
  ),
);
export const PollResults = ref(
  'PollResults',
  Joi.object(
    req({
      messageId: id,
      closed: Joi.boolean(),
      totalVoters: count,
      myVote: Joi.array().items(Joi.string()).allow(null),
      options: list(
        Joi.object(
          req({ id: Joi.string(), text: Joi.string(), votes: count, voters: Joi.array().items(id).allow(null) }),
        ),
      ),
    }),
  ),
);

export const Message = ref(
  'Message',
  Joi.object(
    req({
      id,
      conversationId: id,
      senderId: id,
      type: Joi.string().valid('text', 'image', 'file', 'poll'),
      poll: Poll.allow(null),
      content: Joi.string().allow(null, ''),
      clientMessageId: Joi.string().allow(null),
      replyToId: id.allow(null),
      threadRootId: id.allow(null),
      forwardedFrom: Joi.object(req({ messageId: id, conversationId: id, senderId: id })).allow(null),
      attachmentIds: list(id),
      metadata: Joi.object({
        ...req({ mentions: list(id), links: list(Joi.string()) }),
        silent: Joi.boolean().valid(true),
        entities: Joi.array().items(Entity),
      }),
      createdAt: date,
      editedAt: optionalDate,
      deletedAt: optionalDate,
      deletedBy: id.allow(null),
      seq: count,
      eventSeq: count,
      reactions: list(Joi.object(req({ emoji: Joi.string(), count: count, mine: Joi.boolean() }))),
      edited: Joi.boolean(),
    }),
  ),
);
export const ScheduledMessage = ref(
  'ScheduledMessage',
  Joi.object(
    req({
      id,
      conversationId: id,
      senderId: id,
      content: Joi.string().allow(null, ''),
      attachmentIds: list(id),
      replyToId: id.allow(null),
      metadata: Joi.object({ mentions: list(id), silent: Joi.boolean().valid(true) }),
      sendAt: date,
      state: Joi.string().valid('scheduled', 'sent', 'cancelled', 'failed'),
      messageId: id.allow(null),
      failure: Joi.string().allow(null),
      createdAt: date,
      updatedAt: date,
    }),
  ),
);
export const ThreadPage = Joi.object(
  req({
    root: Message,
    replyCount: count,
    lastReplySeq: count.allow(null),
    lastReplyAt: optionalDate,
    data: list(Message),
    nextCursor: Joi.string().allow(null),
  }),
);
/** Whether you block the person now. */
export const BlockState = Joi.object(req({ blocked: Joi.boolean() }));
const PrivacyRule = ref(
  'PrivacyRule',
  Joi.object(
    req({ audience: Joi.string().valid(...AUDIENCES), allow: Joi.array().items(id), deny: Joi.array().items(id) }),
  ),
);
/** Who may message, add, see and find you: an audience per setting and exceptions either way. */
export const Privacy = ref(
  'Privacy',
  Joi.object(req(Object.fromEntries(PRIVACY_SETTINGS.map((s) => [s, PrivacyRule])) as Record<string, Joi.Schema>)),
);
/** Someone you blocked. */
export const BlockedUser = ref(
  'BlockedUser',
  Joi.object(req({ userId: id, username: Joi.string(), displayName: Joi.string(), blockedAt: date })),
);
/** Messages forwarded together, in the order given. */
export const Forwarded = Joi.object(req({ data: list(Message) }));
export const ViewsCounted = Joi.object(req({ counted: count }));
export const ViewCount = Joi.object(req({ messageId: id, views: count }));
/** One text a message has had; the current one has replacedAt null. */
export const MessageVersion = ref(
  'MessageVersion',
  Joi.object(
    req({
      messageId: id,
      conversationId: id,
      version: Joi.number().integer().min(1),
      content: Joi.string().allow(null, ''),
      writtenAt: date,
      replacedAt: optionalDate,
    }),
  ),
);

/** A pinned message, with the message as you see it (null once it is out of your view). */
export const Pin = ref(
  'Pin',
  Joi.object(
    req({ conversationId: id, messageId: id, seq: count, pinnedBy: id, pinnedAt: date, message: Message.allow(null) }),
  ),
);

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

const conversationKeys = req({
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
const shutKey = { shutAt: optionalDate };
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

/** A purge of one person's messages, and how far its job got. */
export const Purge = ref(
  'Purge',
  Joi.object(
    req({
      id,
      userId: id,
      requestedBy: id,
      reason: Joi.string(),
      since: optionalDate,
      until: optionalDate,
      state: Joi.string().valid('queued', 'running', 'done'),
      scanned: count,
      total: count,
      erased: count,
      createdAt: date,
      updatedAt: date,
      finishedAt: optionalDate,
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

const mediaKeys = req({
  id,
  ownerId: id,
  kind: Joi.string().valid('image', 'file'),
  filename: Joi.string(),
  contentType: Joi.string().valid(...IMAGE_TYPES, ...FILE_TYPES),
  size: Joi.number().integer().min(1),
  status: Joi.string().valid('pending', 'uploaded', 'ready', 'rejected'),
  rejectReason: Joi.string().allow(null),
  width: Joi.number().integer().allow(null),
  height: Joi.number().integer().allow(null),
  attachedAt: optionalDate,
  createdAt: date,
  updatedAt: date,
});
/** Media with its download links (null until the bytes may be downloaded). */
export const Media = ref(
  'Media',
  Joi.object({
    ...mediaKeys,
    ...req({
      url: Joi.string().allow(null),
      thumbnails: list(Joi.object(req({ width: count, height: count, url: Joi.string() }))),
    }),
  }),
);
export const UploadTicket = ref(
  'UploadTicket',
  Joi.object(
    req({
      id,
      uploadUrl: Joi.string(),
      method: Joi.string().valid('PUT'),
      headers: Joi.object().pattern(Joi.string(), Joi.string()),
      expiresAt: date,
    }),
  ),
);

export const Report = ref(
  'Report',
  Joi.object(
    req({
      id,
      messageId: id,
      conversationId: id,
      reporterId: id,
      reportedUserId: id,
      reason: Joi.string(),
      status: Joi.string().valid('open', 'resolved'),
      resolution: Joi.string().valid('dismissed', 'actioned').allow(null),
      resolutionNote: Joi.string().allow(null, ''),
      resolvedBy: id.allow(null),
      resolvedAt: optionalDate,
      createdAt: date,
    }),
  ),
);
export const AuditEntry = ref(
  'AuditEntry',
  Joi.object(
    req({
      id,
      actorId: id,
      action: Joi.string(),
      targetType: Joi.string().valid('user', 'message', 'report', 'flag', 'job', 'invite', 'conversation'),
      targetId: id,
      reason: Joi.string().allow(null),
      data: Joi.object().unknown(true),
      createdAt: date,
    }),
  ),
);
const flagKeys = req({
  name: Joi.string(),
  enabled: Joi.boolean(),
  updatedBy: id.allow(null),
  updatedAt: optionalDate,
});
export const Flag = ref('Flag', Joi.object(flagKeys));
export const FlagState = ref('FlagState', Joi.object({ ...flagKeys, default: Joi.boolean().required() }));
export const DeadJob = ref(
  'DeadJob',
  Joi.object(
    req({
      id,
      name: Joi.string().valid('media.process', 'notify.message', 'retention.sweep'),
      payload: Joi.object().unknown(true),
      attempt: count,
      reason: Joi.string(),
      diedAt: date,
    }),
  ),
);
export const RetriedJobs = ref('RetriedJobs', Joi.object(req({ retried: Joi.array().items(id) })));

/** An event of a conversation's stream (see docs/websocket.md for each payload type). */
export const ConversationEvent = ref(
  'ConversationEvent',
  Joi.object(
    req({
      conversationId: id,
      eventSeq: count,
      actorId: id,
      createdAt: date,
      payload: Joi.object({ type: Joi.string().required() }).unknown(true),
    }),
  ),
);
export const EventsPage = Joi.object(
  req({ events: list(ConversationEvent), lastEventSeq: count, hasMore: Joi.boolean() }),
);
export const SyncResult = Joi.object(
  req({
    changes: list(
      Joi.object(
        req({
          conversationId: id,
          membership: Joi.string().valid('active', 'left'),
          lastEventSeq: count,
          deleted: Joi.boolean(),
        }),
      ),
    ),
    syncToken: Joi.string(),
  }),
);
export const Receipts = Joi.object(
  req({
    messageId: id,
    seq: count,
    readBy: list(Joi.object({ userId: id.required(), at: optionalDate }).unknown(true)),
    deliveredTo: list(Joi.object({ userId: id.required(), at: optionalDate }).unknown(true)),
    readCount: count,
  }),
);
export const ReadMark = Joi.object(req({ lastReadSeq: count, lastDeliveredSeq: count, moved: Joi.boolean() }));
export const Presence = Joi.object(req({ userId: id, status: presenceStatus, lastSeenAt: optionalDate }));
export const Typing = Joi.object(req({ userId: id, expiresAt: date }));
export const Stats = Joi.object(
  req({
    users: count,
    messages: count,
    conversations: Joi.object(req({ direct: count, group: count, channel: count })),
    openReports: count,
  }),
);
/** Everything Parley holds about a person (GDPR access); records as stored. */
export const UserExport = Joi.object(
  req({
    exportedAt: date,
    user: PrivateUser,
    memberships: list(Participant),
    messages: list(Joi.object().unknown(true)),
    messageCount: count,
    reactions: list(Joi.object().unknown(true)),
    media: list(Joi.object().unknown(true)),
    reports: list(Report),
    scheduledMessages: list(Joi.object().unknown(true)),
  }),
);
export const AdminUser = ref('AdminUser', Joi.object(privateUserKeys).unknown(true));
export const StoredMessage = ref(
  'StoredMessage',
  Joi.object({ id: id.required(), conversationId: id.required(), seq: count.required() }).unknown(true),
);
export const Changed = Joi.object(req({ changed: Joi.boolean() }));
export const Muted = Joi.object(req({ mutedUntil: optionalDate }));
/** Typing until (null once stopped). */
export const TypingStarted = Joi.object(req({ expiresAt: optionalDate }));
