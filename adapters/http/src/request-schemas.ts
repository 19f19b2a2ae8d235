import Joi from 'joi';
import {
  ADMIN_RIGHTS,
  AUDIENCES,
  MEMBER_PERMISSIONS,
  MAX_BAN_REASON,
  MAX_PRIVACY_EXCEPTIONS,
  PRIVACY_SETTINGS,
  MAX_BULK_PARTICIPANTS,
  RESTRICTABLE,
  MAX_EDIT_WINDOW_SECONDS,
  MAX_POLL_OPTIONS,
  MAX_WEBHOOK_CONVERSATIONS,
  WEBHOOK_EVENT_TYPES,
  MAX_INVITE_USAGE_LIMIT,
  MAX_SLOW_MODE_SECONDS,
  FILTER_ACTIONS,
  FILTER_KINDS,
  MAX_DRY_RUN,
  MAX_FILTER_PATTERN,
  FILE_TYPES,
  IMAGE_TYPES,
  MAX_ATTACHMENTS,
  MAX_CLIENT_MESSAGE_ID,
  MAX_FORWARD_BATCH,
  MAX_CONTENT_LENGTH,
  MAX_MENTIONS,
} from '@parley/core';
import { anyOf } from './any-of.js';
import {
  byKind,
  cursorOf,
  dateTime,
  DEVICE_TOKEN,
  EMAIL,
  HTTP_URL,
  id,
  ID_LIST,
  limit,
  password,
  plain,
  position,
  text,
  visible,
} from './schema-kit.js';

const webhookEventTypes = Joi.array()
  .items(Joi.string().valid(...WEBHOOK_EVENT_TYPES))
  .min(1)
  .unique();
const pollSchema = Joi.object({
  question: visible(300).required(),
  options: Joi.array().items(visible(100)).min(2).max(MAX_POLL_OPTIONS).unique().required(),
  multiple: Joi.boolean(),
  anonymous: Joi.boolean(),
});

const signedMillis = text(1, 16, /^\d+$/).required().description('When the URL stops working, in ms since 1970');
const signature = text(1, 128, /^[A-Za-z0-9_-]+$/)
  .required()
  .description("The URL's signature");
const conversationFields = { name: visible(128), description: plain(1024, 0) };
const messageFields = {
  content: plain(MAX_CONTENT_LENGTH, 0),
  clientMessageId: plain(MAX_CLIENT_MESSAGE_ID),
  replyToId: id.allow(null),
  attachmentIds: Joi.array().items(id).max(MAX_ATTACHMENTS),
  metadata: Joi.object({ mentions: Joi.array().items(id).max(MAX_MENTIONS) }),
  silent: Joi.boolean(),
  parseMode: Joi.string().valid('plain', 'markdown'),
};

/** Built once per app: the upload size limit comes from configuration. */
export function uploadSchema(maxUploadBytes: number) {
  return Joi.object({
    filename: visible(255).required(),
    contentType: Joi.string()
      .valid(...IMAGE_TYPES, ...FILE_TYPES)
      .required(),
    size: Joi.number().integer().min(1).max(maxUploadBytes).required(),
  });
}

/** What a client may say about the device it signs in from (shown in the sessions list). */
const device = Joi.object({ name: visible(64), platform: visible(32), clientVersion: visible(32) });

export const schemas = {
  register: Joi.object({
    email: text(5, 254, EMAIL).required(),
    username: text(3, 32, /^[A-Za-z0-9_]+$/).required(),
    password: password.required(),
    displayName: visible(64),
    device,
  }),
  login: Joi.object({ login: plain(254).required(), password: plain(256).required(), device }),
  refresh: Joi.object({ refreshToken: plain(512).required() }),
  accountEmail: Joi.object({ email: text(3, 254).required() }),
  resetPassword: Joi.object({ token: plain(512).required(), newPassword: password.required() }),
  verifyEmail: Joi.object({ token: plain(512).required() }),
  twoFactorSetup: Joi.object({ password: plain(256).required() }),
  twoFactorEnable: Joi.object({ code: text(6, 6, /^\d{6}$/).required() }),
  // A code or a recovery code: with both, the code counts; with neither, the answer is 401 invalid_code.
  twoFactorDisable: Joi.object({
    password: plain(256).required(),
    code: text(6, 6, /^\d{6}$/),
    recoveryCode: plain(64),
  }),
  twoFactorVerify: Joi.object({
    challenge: plain(512).required(),
    code: text(6, 6, /^\d{6}$/),
    recoveryCode: plain(64),
  }),
  logout: Joi.object({ refreshToken: plain(512) }),
  reauthenticate: Joi.object({ password: plain(256).required() }),
  changePassword: Joi.object({ currentPassword: plain(256).required(), newPassword: password.required() }),
  profile: Joi.object({ displayName: visible(64), bio: plain(512, 0), avatarMediaId: id.allow(null) }).min(1),
  avatar: Joi.object({ mediaId: id.required() }),
  userSearch: Joi.object({ q: plain(64).required(), limit }),
  presence: Joi.object({ userIds: text(1, 8000, ID_LIST).required() }),
  createConversation: byKind('kind', {
    direct: Joi.object({
      kind: Joi.string().valid('direct').required(),
      memberIds: Joi.array().items(id).length(1).required(),
    }),
    group: Joi.object({
      kind: Joi.string().valid('group').required(),
      memberIds: Joi.array().items(id).max(999),
      ...conversationFields,
      name: conversationFields.name.required(),
    }),
    channel: Joi.object({
      kind: Joi.string().valid('channel').required(),
      memberIds: Joi.array().items(id).max(999),
      ...conversationFields,
      name: conversationFields.name.required(),
    }),
  }),
  updateConversation: Joi.object({
    ...conversationFields,
    avatarMediaId: id.allow(null),
    username: text(5, 32, /^[A-Za-z][A-Za-z0-9_]*$/).allow(null),
    settings: Joi.object({
      retentionDays: Joi.number().integer().min(1).max(3650).allow(null),
      slowModeSeconds: Joi.number().integer().min(1).max(MAX_SLOW_MODE_SECONDS).allow(null),
      editWindowSeconds: Joi.number().integer().min(1).max(MAX_EDIT_WINDOW_SECONDS).allow(null),
      comments: Joi.boolean(),
      permissions: Joi.object(Object.fromEntries(MEMBER_PERMISSIONS.map((p) => [p, Joi.boolean()]))).min(1),
    }),
  }).min(1),
  page: Joi.object({ cursor: id, limit }),
  conversationList: Joi.object({ cursor: cursorOf('timeAndId'), limit }),
  addParticipant: Joi.object({ userId: id.required(), role: Joi.string().valid('admin', 'member', 'subscriber') }),
  addParticipants: Joi.object({
    userIds: Joi.array().items(id).min(1).max(MAX_BULK_PARTICIPANTS).required(),
    role: Joi.string().valid('admin', 'member', 'subscriber'),
  }),
  // A new role, an admin's rights, or both.
  changeRole: Joi.object({
    role: Joi.string().valid('owner', 'admin', 'member', 'subscriber'),
    rights: Joi.array()
      .items(Joi.string().valid(...ADMIN_RIGHTS))
      .max(ADMIN_RIGHTS.length)
      .unique(),
  }).min(1),
  // Some of your privacy settings: each one named takes a new audience and/or exception lists.
  privacy: Joi.object(
    Object.fromEntries(
      PRIVACY_SETTINGS.map((setting) => [
        setting,
        Joi.object({
          audience: Joi.string().valid(...AUDIENCES),
          allow: Joi.array().items(id).max(MAX_PRIVACY_EXCEPTIONS).unique(),
          deny: Joi.array().items(id).max(MAX_PRIVACY_EXCEPTIONS).unique(),
        }).min(1),
      ]),
    ),
  ).min(1),
  // A ban or restriction for good (until absent or null), or until a time in the future.
  conversationBan: Joi.object({ until: dateTime.allow(null), reason: visible(MAX_BAN_REASON).allow(null) }),
  restrict: Joi.object({
    deny: Joi.array()
      .items(Joi.string().valid(...RESTRICTABLE))
      .max(RESTRICTABLE.length)
      .unique()
      .required(),
    until: dateTime.allow(null),
  }),
  history: Joi.object({ before: position, after: position, cursor: cursorOf('history'), limit }),
  // A signed blob URL's query (see signed-blob-urls.ts in core): the signature is checked after these are.
  signedDownload: Joi.object({ expires: signedMillis, sig: signature }),
  signedUpload: Joi.object({
    expires: signedMillis,
    size: text(1, 16, /^\d+$/).description('The exact size the upload is for, in bytes (a download has none)'),
    type: text(1, 255).description('The content type the upload is for'),
    sig: signature,
  }),
  // Text, attachments, or both: a message is never empty.
  send: anyOf(
    Joi.object({ ...messageFields, content: visible(MAX_CONTENT_LENGTH).required() }),
    Joi.object({ ...messageFields, attachmentIds: messageFields.attachmentIds.min(1).required() }),
    Joi.object({
      clientMessageId: messageFields.clientMessageId,
      replyToId: messageFields.replyToId,
      metadata: messageFields.metadata,
      silent: messageFields.silent,
      poll: pollSchema.required(),
    }),
  ),
  vote: Joi.object({ optionIds: Joi.array().items(text(1, 4)).min(1).max(MAX_POLL_OPTIONS).unique().required() }),
  edit: Joi.object({
    content: plain(MAX_CONTENT_LENGTH, 0).required(),
    parseMode: Joi.string().valid('plain', 'markdown'),
  }),
  // A scheduled message: what a send takes, and when (text, attachments or both).
  schedule: anyOf(
    Joi.object({ ...messageFields, content: visible(MAX_CONTENT_LENGTH).required(), sendAt: dateTime.required() }),
    Joi.object({
      ...messageFields,
      attachmentIds: messageFields.attachmentIds.min(1).required(),
      sendAt: dateTime.required(),
    }),
  ),
  reschedule: Joi.object({ content: plain(MAX_CONTENT_LENGTH, 0), sendAt: dateTime }).min(1),
  deleteMessage: Joi.object({ for: Joi.string().valid('me', 'everyone').default('everyone') }),
  react: Joi.object({ emoji: text(1, 32).required() }),
  forward: Joi.object({ conversationId: id.required(), clientMessageId: plain(MAX_CLIENT_MESSAGE_ID - 4) }),
  forwardMany: Joi.object({
    conversationId: id.required(),
    messageIds: Joi.array().items(id).min(1).max(MAX_FORWARD_BATCH).unique().required(),
    clientMessageId: plain(MAX_CLIENT_MESSAGE_ID - 4),
  }),
  read: Joi.object({ kind: Joi.string().valid('read', 'delivered').default('read') }),
  typing: Joi.object({ typing: Joi.boolean().required() }),
  pushTarget: byKind('kind', {
    webpush: Joi.object({
      kind: Joi.string().valid('webpush').required(),
      endpoint: text(10, 2048, HTTP_URL).required(),
      // An uncompressed P-256 point (65 bytes, 0x04 first) and a 16-byte secret, base64url without padding.
      keys: Joi.object({
        p256dh: text(87, 87, /^B[A-Za-z0-9_-]{86}$/).required(),
        auth: text(22, 22, /^[A-Za-z0-9_-]{22}$/).required(),
      }).required(),
    }),
    fcm: Joi.object({ kind: Joi.string().valid('fcm').required(), token: text(8, 4096, DEVICE_TOKEN).required() }),
    apns: Joi.object({ kind: Joi.string().valid('apns').required(), token: text(8, 4096, DEVICE_TOKEN).required() }),
  }),
  notifyLevel: Joi.object({ level: Joi.string().valid('all', 'mentions', 'none').required() }),
  createBot: Joi.object({
    username: text(5, 32, /^[A-Za-z][A-Za-z0-9_]*[Bb][Oo][Tt]$/).required(),
    displayName: visible(64),
  }),
  pressButton: Joi.object({ data: text(1, 64).required() }),
  createWebhook: Joi.object({
    url: text(8, 2048, HTTP_URL).required(),
    conversationIds: Joi.array().items(id).min(1).max(MAX_WEBHOOK_CONVERSATIONS).unique(),
    platform: Joi.boolean().description('Every group and channel instead of conversationIds'),
    eventTypes: webhookEventTypes,
    description: plain(200, 0),
  }),
  updateWebhook: Joi.object({
    state: Joi.string().valid('active', 'paused'),
    url: text(8, 2048, HTTP_URL),
    eventTypes: webhookEventTypes.allow(null),
    description: plain(200, 0),
  }).min(1),
  rotateWebhookSecret: Joi.object({
    keepOldForMs: Joi.number()
      .integer()
      .min(0)
      .max(7 * 24 * 3600 * 1000),
  }),
  replayWebhook: Joi.object({ conversationId: id, from: Joi.number().integer().min(1).required() }),
  updateBot: Joi.object({
    displayName: visible(64),
    description: plain(512, 0),
    privacy: Joi.boolean(),
    commands: Joi.array()
      .max(100)
      .description(
        'Each command at most once (a leading / is ignored): a list that names one twice is refused with 422',
      )
      .items(
        Joi.object({
          command: text(1, 32, /^\/?[a-z0-9_]{1,32}$/).required(),
          description: visible(256).required(),
        }),
      ),
  }).min(1),
  notificationSettings: Joi.object({ enabled: Joi.boolean(), preview: Joi.boolean() }).min(1),
  mute: Joi.object({
    until: Joi.alternatives()
      .try(Joi.string().valid('forever'), Joi.string().isoDate().meta({ format: 'date-time' }))
      .allow(null)
      .required(),
  }),
  events: Joi.object({ after: position.default(0), limit }),
  sync: Joi.object({ token: cursorOf('sync') }),
  search: Joi.object({ q: plain(200, 2).required(), conversationId: id, cursor: cursorOf('timeAndId'), limit }),
  report: Joi.object({ reason: visible(1000).required() }),
  exportQuery: Joi.object({ messages: Joi.string().valid('all', 'none').default('all') }),
  adminConversations: Joi.object({
    kind: Joi.string().valid('direct', 'group', 'channel'),
    cursor: cursorOf('timeAndId'),
    limit,
  }),
  adminUsers: Joi.object({
    role: Joi.string().valid('user', 'moderator', 'admin'),
    banned: Joi.boolean(),
    // An exact e-mail address, or the start of a username or display name.
    q: text(1, 254),
    cursor: id,
    limit,
  }),
  ban: Joi.object({ reason: visible(500).required(), until: dateTime.allow(null) }),
  // Every message of the person, or those sent in [since, until).
  purge: Joi.object({ reason: visible(500).required(), since: dateTime.allow(null), until: dateTime.allow(null) }),
  setRole: Joi.object({ role: Joi.string().valid('user', 'moderator', 'admin').required() }),
  moderate: Joi.object({ reason: visible(500).required() }),
  filter: Joi.object({
    kind: Joi.string().valid(...FILTER_KINDS),
    pattern: visible(MAX_FILTER_PATTERN).required(),
    action: Joi.string().valid(...FILTER_ACTIONS),
    note: plain(500, 0).allow(null),
  }),
  filterDryRun: Joi.object({
    kind: Joi.string().valid(...FILTER_KINDS),
    pattern: visible(MAX_FILTER_PATTERN).required(),
    action: Joi.string().valid(...FILTER_ACTIONS),
    last: Joi.number().integer().min(1).max(MAX_DRY_RUN),
  }),
  heldMessages: Joi.object({
    state: Joi.string().valid('held', 'approved', 'rejected'),
    cursor: cursorOf('timeAndId'),
    limit,
  }),
  review: Joi.object({ reason: plain(500, 0).allow(null) }),
  reports: Joi.object({ status: Joi.string().valid('open', 'resolved'), cursor: cursorOf('timeAndId'), limit }),
  resolve: Joi.object({ resolution: Joi.string().valid('dismissed', 'actioned').required(), note: plain(1000, 0) }),
  audit: Joi.object({ targetId: id, actorId: id, cursor: cursorOf('timeAndId'), limit }),
  flag: Joi.object({ enabled: Joi.boolean().required() }),
  deadJobs: Joi.object({ limit: Joi.number().integer().min(1).max(500) }),
  retryDeadJobs: Joi.object({ ids: Joi.array().items(text(1, 200)).min(1).max(500) }),
  empty: Joi.object({}),
  limitOnly: Joi.object({ limit }),
  views: Joi.object({ messageIds: Joi.array().items(id).min(1).max(100).required() }),
  viewCounts: Joi.object({ messageIds: text(1, 8000, ID_LIST).required() }),
  publicSearch: Joi.object({ q: plain(64, 2).required(), cursor: id, limit: Joi.number().integer().min(1).max(50) }),
  createInvite: Joi.object({
    name: visible(64).allow(null),
    expiresAt: Joi.string().isoDate().meta({ format: 'date-time' }).allow(null),
    usageLimit: Joi.number().integer().min(1).max(MAX_INVITE_USAGE_LIMIT).allow(null),
    requiresApproval: Joi.boolean(),
  }),
};
