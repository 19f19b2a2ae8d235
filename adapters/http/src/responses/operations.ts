import Joi from 'joi';
import { AUDIT_TARGET_TYPES, FILE_TYPES, IMAGE_TYPES } from '@parley/core';
import { count, date, id, list, optionalDate, ref, req } from './schema-kit.js';
import { PrivateUser } from './users.js';
import { Participant } from './conversations.js';

/** What the API answers about media, moderation, jobs, catch-up and exports. */

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

const filterKeys = {
  kind: Joi.string().valid('word', 'link'),
  pattern: Joi.string(),
  action: Joi.string().valid('block', 'hold'),
  note: Joi.string().allow(null),
};

/** A word or link filter on what is posted. */
export const ContentFilter = ref(
  'ContentFilter',
  Joi.object(req({ id, ...filterKeys, createdBy: id, createdAt: date })),
);

/** What a filter would have caught in the latest messages (nothing stored). */
export const FilterDryRun = ref(
  'FilterDryRun',
  Joi.object(
    req({
      filter: Joi.object(req(filterKeys)),
      scanned: count,
      caught: count,
      messages: list(
        Joi.object(
          req({ messageId: id, conversationId: id, senderId: id, createdAt: date, excerpt: Joi.string().allow('') }),
        ),
      ),
    }),
  ),
);

export const mediaKeys = req({
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
      targetType: Joi.string().valid(...AUDIT_TARGET_TYPES),
      targetId: id,
      reason: Joi.string().allow(null),
      data: Joi.object().unknown(true),
      createdAt: date,
    }),
  ),
);

export const flagKeys = req({
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
