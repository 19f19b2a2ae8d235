import Joi from 'joi';
import { count, date, id, list, optionalDate, ref, req } from './schema-kit.js';

/** What the API answers about messages: the message, polls, versions, pins, threads, receipts. */

/** A span of a message's text (offsets and lengths in UTF-16 code units); a mention of a member names them. */
export const Entity = ref(
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

export const pollOption = Joi.object(req({ id: Joi.string(), text: Joi.string() }));

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

const messageMetadata = Joi.object({
  ...req({ mentions: list(id), links: list(Joi.string()) }),
  silent: Joi.boolean().valid(true),
  entities: Joi.array().items(Entity),
});

const InlineButton = Joi.object({
  text: Joi.string().required(),
  callbackData: Joi.string().description('Pressed: the bot gets a callback with this (POST /messages/{id}/callback)'),
  url: Joi.string().description('Pressed: this opens'),
});
const ReplyMarkup = ref(
  'ReplyMarkup',
  Joi.object(req({ inlineKeyboard: Joi.array().items(Joi.array().items(InlineButton)) })).description(
    "Buttons under a bot's message, in rows",
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
      metadata: messageMetadata,
      createdAt: date,
      editedAt: optionalDate,
      deletedAt: optionalDate,
      deletedBy: id.allow(null),
      seq: count,
      eventSeq: count,
      reactions: list(Joi.object(req({ emoji: Joi.string(), count: count, mine: Joi.boolean() }))),
      edited: Joi.boolean(),
      replyMarkup: ReplyMarkup.allow(null),
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

export const StoredMessage = ref(
  'StoredMessage',
  Joi.object({ id: id.required(), conversationId: id.required(), seq: count.required() }).unknown(true),
);

export const Changed = Joi.object(req({ changed: Joi.boolean() }));

const heldState = Joi.string().valid('held', 'approved', 'rejected');

/** A send a `hold` filter kept for review, as its sender sees it: that it waits, then what became of it. */
export const HeldReceipt = ref(
  'HeldReceipt',
  Joi.object(
    req({
      id,
      conversationId: id,
      clientMessageId: Joi.string().allow(null),
      state: heldState,
      heldAt: date,
      decidedAt: optionalDate,
      messageId: id.allow(null),
    }),
  ),
);

/** A held message as moderators review it: what would be posted, by whom, where, and which filters caught it. */
export const HeldMessage = ref(
  'HeldMessage',
  Joi.object(
    req({
      id,
      conversationId: id,
      senderId: id,
      clientMessageId: Joi.string().allow(null),
      draft: Joi.object({
        ...req({
          type: Joi.string().valid('text', 'image', 'file', 'poll'),
          content: Joi.string().allow(null, ''),
          replyToId: id.allow(null),
          attachmentIds: list(id),
          metadata: messageMetadata,
        }),
        poll: Poll,
        threadRootId: id,
      }),
      filterIds: list(id),
      state: heldState,
      heldAt: date,
      decidedBy: id.allow(null),
      decidedAt: optionalDate,
      reason: Joi.string().allow(null),
      messageId: id.allow(null),
    }),
  ),
);

export const HeldReview = ref('HeldReview', Joi.object(req({ held: HeldMessage, message: Message.allow(null) })));
