import Joi from 'joi';
import { MAX_ATTACHMENTS, MAX_CLIENT_MESSAGE_ID, MAX_CONTENT_LENGTH, MAX_MENTIONS } from '@parley/core';
import * as R from '../responses.js';

/**
 * The socket protocol as schemas: every command a client may send and every frame the server sends.
 * The AsyncAPI document (asyncapi.ts) is generated from these, as the OpenAPI document is from the routes.
 */
const id = Joi.string().min(1).max(128);
const date = Joi.string().isoDate();
const seq = Joi.number().integer().min(0);
const commandId = Joi.alternatives()
  .try(Joi.string().max(128), Joi.number())
  .description('chosen by the client; echoed in the ack or error');

const command = (type: string, description: string, fields: Record<string, Joi.Schema> = {}) =>
  Joi.object({ id: commandId.required(), type: Joi.string().valid(type).required(), ...fields }).description(
    description,
  );

/** Client -> server. */
export const COMMANDS: Record<string, Joi.ObjectSchema> = {
  'message.send': command(
    'message.send',
    'Send a message (idempotent by clientMessageId, as over REST); text, attachments or both',
    {
      conversationId: id.required(),
      content: Joi.string().max(MAX_CONTENT_LENGTH),
      clientMessageId: Joi.string().max(MAX_CLIENT_MESSAGE_ID),
      replyToId: id.allow(null),
      attachmentIds: Joi.array().items(id).max(MAX_ATTACHMENTS),
      metadata: Joi.object({ mentions: Joi.array().items(id).max(MAX_MENTIONS) }),
      silent: Joi.boolean().description('send without notifying anyone'),
      parseMode: Joi.string()
        .valid('plain', 'markdown')
        .description("'markdown': **bold**, __italic__, `code`, ```pre``` become entities"),
      poll: Joi.object({
        question: Joi.string().max(300).required(),
        options: Joi.array().items(Joi.string().max(100)).min(2).max(10).required(),
        multiple: Joi.boolean(),
        anonymous: Joi.boolean(),
      }).description('a poll instead of text or attachments'),
    },
  ),
  'message.edit': command('message.edit', 'Edit your message', {
    messageId: id.required(),
    content: Joi.string().max(MAX_CONTENT_LENGTH).required(),
    parseMode: Joi.string().valid('plain', 'markdown'),
  }),
  'message.delete': command('message.delete', 'Delete a message for yourself or everyone', {
    messageId: id.required(),
    for: Joi.string().valid('me', 'everyone'),
  }),
  'typing.start': command('typing.start', 'Show that you are typing (expires after about 6 s)', {
    conversationId: id.required(),
  }),
  'typing.stop': command('typing.stop', 'Stop showing that you are typing', { conversationId: id.required() }),
  read: command('read', 'Move your read (or delivered) mark to a seq or a message', {
    conversationId: id,
    messageId: id,
    seq,
    kind: Joi.string().valid('read', 'delivered'),
  }),
  'presence.away': command('presence.away', 'Show yourself as away'),
  'presence.online': command('presence.online', 'Show yourself as online again'),
  resume: command(
    'resume',
    'Every event of a conversation after lastEventSeq, in order (page by page: repeat while hasMore)',
    {
      conversationId: id.required(),
      lastEventSeq: seq.required(),
    },
  ),
  ping: command('ping', 'Answered with pong'),
  auth: command('auth', 'Authenticate (as the first frame) or renew the access token of an open socket', {
    token: Joi.string().max(4096).required(),
  }),
};

const durableTypes = [
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'participant.added',
  'participant.removed',
  'participant.role_changed',
  'participant.banned',
  'participant.unbanned',
  'participant.restricted',
  'message.created',
  'message.edited',
  'message.deleted',
  'message.pinned',
  'message.unpinned',
  'poll.voted',
  'poll.closed',
  'reaction.added',
  'reaction.removed',
  'receipt.updated',
  'log.gap',
];

const ephemeral = (type: string, description: string, fields: Record<string, Joi.Schema>) =>
  Joi.object({ type: Joi.string().valid(type).required(), ...fields }).description(description);

/** The events a socket receives inside `{ "type": "event", "event": ... }`. */
export const EVENTS: Record<string, Joi.ObjectSchema> = {
  durable: Joi.object({
    type: Joi.string()
      .valid(...durableTypes)
      .required(),
    conversationId: id.required(),
    eventSeq: seq.required(),
    actorId: id.required(),
    createdAt: date.required(),
    payload: Joi.object({
      type: Joi.string()
        .valid(...durableTypes)
        .required(),
    })
      .unknown(true)
      .required(),
  }).description(
    'A durable conversation event (the same objects as GET /conversations/:id/events, with `type` on top): dense ' +
      'eventSeq per conversation',
  ),
  'typing.started': ephemeral('typing.started', 'Someone is typing until expiresAt', {
    conversationId: id.required(),
    userId: id.required(),
    expiresAt: date.required(),
  }),
  'typing.stopped': ephemeral(
    'typing.stopped',
    'Someone stopped typing, or their indicator ran out (announced within about a second of its expiresAt)',
    { conversationId: id.required(), userId: id.required() },
  ),
  'presence.updated': ephemeral('presence.updated', 'A peer came online, went away or offline', {
    userId: id.required(),
    status: Joi.string().valid('online', 'away', 'offline').required(),
    lastSeenAt: date.allow(null),
  }),
  'conversation.joined': ephemeral(
    'conversation.joined',
    'You were added to a conversation (the socket now follows it)',
    { conversationId: id.required(), participant: R.Participant.required() },
  ),
  'conversation.left': ephemeral(
    'conversation.left',
    'You left, were removed or were banned (reason; with banned, until: when the ban ends, null: until lifted)',
    {
      conversationId: id.required(),
      userId: id.required(),
      reason: Joi.string().valid('left', 'removed', 'erased', 'banned'),
      until: date.allow(null),
    },
  ),
  'message.hidden': ephemeral('message.hidden', 'You deleted a message for yourself (on your other devices)', {
    conversationId: id.required(),
    messageId: id.required(),
  }),
  'receipt.self': ephemeral('receipt.self', 'Your own read marks moved (on your other devices)', {
    conversationId: id.required(),
    lastReadSeq: seq.required(),
    lastDeliveredSeq: seq.required(),
  }),
  'media.updated': ephemeral('media.updated', 'An upload of yours was processed', {
    mediaId: id.required(),
    status: Joi.string().required(),
  }),
  'callback.answered': ephemeral(
    'callback.answered',
    'A bot answered a button you pressed under its message: show the text (as an alert if showAlert)',
    {
      conversationId: id.required(),
      messageId: id.required(),
      queryId: id.required(),
      text: Joi.string().allow(null).required(),
      showAlert: Joi.boolean().required(),
    },
  ),
  'message.reviewed': ephemeral(
    'message.reviewed',
    'A moderator approved (messageId: what it became) or rejected a message of yours held for review',
    {
      heldId: id.required(),
      conversationId: id.required(),
      clientMessageId: Joi.string().allow(null).required(),
      state: Joi.string().valid('approved', 'rejected').required(),
      messageId: id.allow(null).required(),
    },
  ),
};

const errorBody = Joi.object({ code: Joi.string().required(), message: Joi.string().required(), details: Joi.any() });

/** Server -> client. */
export const FRAMES: Record<string, Joi.ObjectSchema> = {
  ready: Joi.object({
    type: Joi.string().valid('ready').required(),
    userId: id.required(),
    connectionId: id.required(),
  }).description('The socket is authenticated and follows your conversations'),
  ack: Joi.object({
    type: Joi.string().valid('ack').required(),
    id: Joi.string().allow('').required(),
    result: Joi.any(),
  }).description(
    'A command succeeded. result: message.send { message, created }, or { held, created } when a filter held it ' +
      "for review (held: as REST's 202 answers); message.edit the message; resume { events, " +
      'lastEventSeq, hasMore }; the others what the REST operation answers',
  ),
  error: Joi.object({
    type: Joi.string().valid('error').required(),
    id: Joi.string().allow('', null).required(),
    error: errorBody.required(),
  }).description('A command failed (same codes as REST), or a frame was malformed (id null)'),
  pong: Joi.object({ type: Joi.string().valid('pong').required(), id: Joi.string().allow('').required() }).description(
    'The answer to ping',
  ),
  event: Joi.object({
    type: Joi.string().valid('event').required(),
    event: Joi.alternatives()
      .try(...Object.values(EVENTS))
      .required(),
  }).description('A realtime event'),
};

/**
 * Only to a client that offered the `parley.v2` subprotocol: the frames that waited for its socket in one turn of
 * the server's event loop, in order, in one WebSocket frame (a single frame still comes as itself).
 */
FRAMES.batch = Joi.object({
  type: Joi.string().valid('batch').required(),
  frames: Joi.array()
    .min(2)
    .items(Joi.alternatives().try(...Object.values(FRAMES)))
    .required(),
}).description('Several frames at once, in order (parley.v2 clients only): handle each as if it had come on its own');

/** Close codes the server uses. */
export const CLOSE_CODES: Record<number, string> = {
  1001: 'the server is shutting down: reconnect',
  1009: 'a frame was larger than WS_MAX_FRAME_BYTES',
  1013: 'the client read too slowly (4 MiB unsent): reconnect and resume',
  4401:
    'not (or no longer) authenticated: missing_token, invalid_token, token expired, session_revoked, ' +
    'query_token_disabled',
};
