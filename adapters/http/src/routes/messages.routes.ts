import { sentMessage, type MessagingModule } from '@parley/core';
import { HttpError } from '../errors.js';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

export function messageRoutes(messaging: MessagingModule): RouteSpec[] {
  const tag = 'messages';
  return [
    {
      method: 'get',
      path: '/conversations/:cid/messages',
      tag,
      summary:
        'History by seq: newest first (before), or oldest first (after); pass nextCursor back as cursor for the next ' +
        'page',
      query: schemas.history,
      responses: { 200: answer('A page of history', R.pageOf(R.Message)) },
      handler: async ({ actorId, params, query }) =>
        reply(await messaging.listMessages.execute({ actorId, conversationId: params.cid!, ...query })),
    },
    {
      method: 'post',
      path: '/conversations/:cid/messages',
      tag,
      summary: 'Send text, attachments or a poll; idempotent with clientMessageId or the Idempotency-Key header',
      body: schemas.send,
      refusals: { 403: ['restricted', 'banned_from_conversation', 'blocked', 'comments_off', 'content_blocked'] },
      responses: {
        201: answer('Sent', R.Message),
        200: answer('A retry: the original message', R.Message),
        202: answer("Held for a moderator's review (a hold filter caught it; a retry answers the same)", R.HeldReceipt),
      },
      handler: async ({ actorId, params, body, header }) => {
        const key = header('idempotency-key');
        if (key !== undefined && body.clientMessageId !== undefined && key !== body.clientMessageId)
          throw new HttpError(422, 'validation_failed', 'Idempotency-Key and clientMessageId differ');
        // Field by field, not spread: bodies of many shapes spread into one object cost a send measurably.
        const result = await messaging.sendMessage.execute({
          actorId,
          conversationId: params.cid!,
          content: body.content,
          clientMessageId: body.clientMessageId ?? key,
          replyToId: body.replyToId,
          attachmentIds: body.attachmentIds,
          metadata: body.metadata,
          silent: body.silent,
          poll: body.poll,
          parseMode: body.parseMode,
        });
        if (result.ok && 'held' in result.value) return reply(result, 202, (v) => ('held' in v ? v.held : null));
        return reply(result, result.ok && !result.value.created ? 200 : 201, sentMessage);
      },
    },
    {
      method: 'get',
      path: '/conversations/:cid/messages/:id',
      tag,
      summary: 'One message',
      responses: { 200: answer('The message', R.Message) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.getMessage.execute({ actorId, conversationId: params.cid!, messageId: params.id! })),
    },
    {
      method: 'patch',
      path: '/conversations/:cid/messages/:id',
      tag,
      summary: 'Edit your message',
      body: schemas.edit,
      refusals: { 403: ['content_blocked', 'content_needs_review'] },
      responses: { 200: answer('The edited message', R.Message) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await messaging.editMessage.execute({
            actorId,
            conversationId: params.cid!,
            messageId: params.id!,
            content: body.content,
            parseMode: body.parseMode,
          }),
        ),
    },
    {
      method: 'get',
      path: '/conversations/:cid/messages/:id/thread',
      tag,
      summary: "A message's thread: reply count, last reply, and replies by seq (cursors as history)",
      query: schemas.history,
      responses: { 200: answer('The thread', R.ThreadPage) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await messaging.listThread.execute({ actorId, conversationId: params.cid!, messageId: params.id!, ...query }),
        ),
    },
    {
      method: 'get',
      path: '/conversations/:cid/messages/:id/versions',
      tag,
      summary: 'Every text a message has had, oldest first; the current one last (replacedAt null)',
      responses: { 200: answer('The versions', R.pageOf(R.MessageVersion)) },
      handler: async ({ actorId, params }) =>
        reply(
          await messaging.listMessageVersions.execute({ actorId, conversationId: params.cid!, messageId: params.id! }),
          200,
          (data) => ({ data, nextCursor: null }),
        ),
    },
    {
      method: 'delete',
      path: '/conversations/:cid/messages/:id',
      tag,
      summary: 'Delete for everyone (default) or ?for=me',
      query: schemas.deleteMessage,
      responses: { 204: 'Deleted' },
      handler: async ({ actorId, params, query }) =>
        reply(
          await messaging.deleteMessage.execute({
            actorId,
            conversationId: params.cid!,
            messageId: params.id!,
            for: query.for,
          }),
          204,
        ),
    },
    {
      method: 'post',
      path: '/messages/:id/forward',
      tag,
      summary: 'Forward to another conversation',
      body: schemas.forward,
      refusals: { 403: ['content_blocked', 'content_needs_review'] },
      responses: {
        201: answer('The new message', R.Message),
        200: answer('A retry: the copy stored before', R.Message),
      },
      handler: async ({ actorId, params, body }) => {
        const result = await messaging.forwardMessage.execute({
          actorId,
          messageId: params.id!,
          toConversationId: body.conversationId,
          clientMessageId: body.clientMessageId ?? null,
        });
        return reply(result, result.ok && !result.value.created ? 200 : 201, (v) => v.message);
      },
    },
    {
      method: 'post',
      path: '/forwards',
      tag,
      summary: 'Forward up to 100 messages to a conversation, in order; exactly once with clientMessageId',
      body: schemas.forwardMany,
      refusals: { 403: ['content_blocked', 'content_needs_review'] },
      responses: {
        201: answer('The new messages, in the order given', R.Forwarded),
        200: answer('A retry: the copies stored before', R.Forwarded),
      },
      handler: async ({ actorId, body }) => {
        const result = await messaging.forwardMessages.execute({
          actorId,
          messageIds: body.messageIds,
          toConversationId: body.conversationId,
          clientMessageId: body.clientMessageId ?? null,
        });
        return reply(result, result.ok && !result.value.created ? 200 : 201, (v) => ({ data: v.messages }));
      },
    },
    {
      method: 'get',
      path: '/search/messages',
      tag,
      summary: 'Search my conversations (or one) by text',
      query: schemas.search,
      responses: { 200: answer('Matching messages, newest first', R.pageOf(R.Message)) },
      handler: async ({ actorId, query }) => reply(await messaging.searchMessages.execute({ actorId, ...query })),
    },
  ];
}
