import type { MessagingModule } from '@parley/core';
import { HttpError } from '../errors.js';
import { schemas } from '../validation.js';
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
      refusals: { 403: ['restricted', 'banned_from_conversation', 'blocked', 'comments_off'] },
      responses: { 201: answer('Sent', R.Message), 200: answer('A retry: the original message', R.Message) },
      handler: async ({ actorId, params, body, req }) => {
        const header = req.get('idempotency-key');
        if (header !== undefined && body.clientMessageId !== undefined && header !== body.clientMessageId)
          throw new HttpError(422, 'validation_failed', 'Idempotency-Key and clientMessageId differ');
        const result = await messaging.sendMessage.execute({
          ...body,
          clientMessageId: body.clientMessageId ?? header,
          actorId,
          conversationId: params.cid!,
        });
        return reply(result, result.ok && !result.value.created ? 200 : 201, (v) => v.message);
      },
    },
    {
      method: 'post',
      path: '/conversations/:cid/scheduled-messages',
      tag,
      summary: 'Schedule a message to go out at sendAt (checked now, and again as it goes out)',
      body: schemas.schedule,
      responses: { 201: answer('Scheduled', R.ScheduledMessage) },
      handler: async ({ actorId, params, body }) =>
        reply(await messaging.scheduleMessage.execute({ ...body, actorId, conversationId: params.cid! }), 201),
    },
    {
      method: 'get',
      path: '/conversations/:cid/scheduled-messages',
      tag,
      summary: 'Your scheduled messages still waiting here, the soonest first',
      responses: { 200: answer('Scheduled messages', R.pageOf(R.ScheduledMessage)) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.listScheduledMessages.execute({ actorId, conversationId: params.cid! }), 200, (data) => ({
          data,
          nextCursor: null,
        })),
    },
    {
      method: 'patch',
      path: '/conversations/:cid/scheduled-messages/:id',
      tag,
      summary: 'Change the text or time of a scheduled message still waiting',
      body: schemas.reschedule,
      responses: { 200: answer('The scheduled message', R.ScheduledMessage) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await messaging.editScheduledMessage.execute({
            ...body,
            actorId,
            conversationId: params.cid!,
            id: params.id!,
          }),
        ),
    },
    {
      method: 'delete',
      path: '/conversations/:cid/scheduled-messages/:id',
      tag,
      summary: 'Cancel a scheduled message still waiting',
      responses: { 204: 'Cancelled' },
      handler: async ({ actorId, params }) =>
        reply(
          await messaging.cancelScheduledMessage.execute({ actorId, conversationId: params.cid!, id: params.id! }),
          204,
        ),
    },
    {
      method: 'post',
      path: '/conversations/:cid/views',
      tag,
      summary: 'Say which channel posts you saw (each counts you once)',
      body: schemas.views,
      responses: { 200: answer('How many of them counted you for the first time', R.ViewsCounted) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await messaging.recordViews.execute({ actorId, conversationId: params.cid!, messageIds: body.messageIds }),
        ),
    },
    {
      method: 'get',
      path: '/conversations/:cid/views',
      tag,
      summary: 'How many people saw each of these posts (channel owners and admins); messageIds comma-separated',
      query: schemas.viewCounts,
      responses: { 200: answer('View counts', R.pageOf(R.ViewCount)) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await messaging.getViewCounts.execute({
            actorId,
            conversationId: params.cid!,
            messageIds: String(query.messageIds).split(','),
          }),
          200,
          (data) => ({ data, nextCursor: null }),
        ),
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
      method: 'put',
      path: '/conversations/:cid/messages/:id/pin',
      tag,
      summary: 'Pin a message (owners and admins; anyone in a direct chat)',
      body: schemas.empty,
      responses: { 201: answer('Pinned', R.Changed), 200: answer('Already pinned', R.Changed) },
      handler: async ({ actorId, params }) => {
        const result = await messaging.pinMessage.execute({
          actorId,
          conversationId: params.cid!,
          messageId: params.id!,
          pinned: true,
        });
        return reply(result, result.ok && result.value.changed ? 201 : 200);
      },
    },
    {
      method: 'delete',
      path: '/conversations/:cid/messages/:id/pin',
      tag,
      summary: 'Unpin a message',
      responses: { 204: 'Unpinned (or was not pinned)' },
      handler: async ({ actorId, params }) =>
        reply(
          await messaging.pinMessage.execute({
            actorId,
            conversationId: params.cid!,
            messageId: params.id!,
            pinned: false,
          }),
          204,
        ),
    },
    {
      method: 'post',
      path: '/messages/:id/votes',
      tag,
      summary: 'Vote in a poll (one option, or several in a multiple-choice poll)',
      body: schemas.vote,
      responses: { 200: answer('The results after your vote', R.PollResults) },
      handler: async ({ actorId, params, body }) =>
        reply(await messaging.voteInPoll.execute({ actorId, messageId: params.id!, optionIds: body.optionIds })),
    },
    {
      method: 'delete',
      path: '/messages/:id/votes',
      tag,
      summary: 'Take your vote in a poll back (to vote again)',
      responses: { 200: answer('The results without your vote', R.PollResults) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.voteInPoll.execute({ actorId, messageId: params.id!, optionIds: null })),
    },
    {
      method: 'get',
      path: '/messages/:id/poll',
      tag,
      summary: "A poll's results: counts, your vote, and who voted for what unless it is anonymous",
      responses: { 200: answer('The results', R.PollResults) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.getPollResults.execute({ actorId, messageId: params.id! })),
    },
    {
      method: 'post',
      path: '/messages/:id/poll/close',
      tag,
      summary: 'Close a poll for good (its author, owners and admins)',
      body: schemas.empty,
      responses: { 200: answer('The final results', R.PollResults) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.closePoll.execute({ actorId, messageId: params.id! })),
    },
    {
      method: 'post',
      path: '/messages/:id/reactions',
      tag,
      summary: 'React with one emoji',
      body: schemas.react,
      responses: { 201: answer('Added', R.Changed), 200: answer('Already there', R.Changed) },
      handler: async ({ actorId, params, body }) => {
        const result = await messaging.reactToMessage.execute({ actorId, messageId: params.id!, emoji: body.emoji });
        return reply(result, result.ok && result.value.changed ? 201 : 200);
      },
    },
    {
      method: 'delete',
      path: '/messages/:id/reactions/:emoji',
      tag,
      summary: 'Take a reaction back',
      responses: { 204: 'Removed' },
      handler: async ({ actorId, params }) =>
        reply(
          await messaging.reactToMessage.execute({
            actorId,
            messageId: params.id!,
            emoji: params.emoji,
            action: 'remove',
          }),
          204,
        ),
    },
    {
      method: 'post',
      path: '/messages/:id/read',
      tag,
      summary: 'Move my read (or delivered) watermark up to this message',
      body: schemas.read,
      responses: { 200: answer('Your read and delivery marks', R.ReadMark) },
      handler: async ({ actorId, params, body }) =>
        reply(await messaging.markRead.execute({ actorId, messageId: params.id!, kind: body.kind })),
    },
    {
      method: 'get',
      path: '/messages/:id/receipts',
      tag,
      summary: 'Who read and received a message',
      responses: { 200: answer('Who read and received it', R.Receipts) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.getReceipts.execute({ actorId, messageId: params.id! })),
    },
    {
      method: 'post',
      path: '/messages/:id/forward',
      tag,
      summary: 'Forward to another conversation',
      body: schemas.forward,
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
    {
      method: 'get',
      path: '/conversations/:id/pins',
      tag: 'conversations',
      summary: 'Pinned messages, the most recently pinned first',
      responses: { 200: answer('Pins', R.pageOf(R.Pin)) },
      handler: async ({ actorId, params }) =>
        reply(await messaging.listPins.execute({ actorId, conversationId: params.id! }), 200, (data) => ({
          data,
          nextCursor: null,
        })),
    },
    {
      method: 'get',
      path: '/admin/conversations/:id/pins',
      tag: 'admin',
      staff: true,
      summary: "List any conversation's pins (moderator)",
      responses: { 200: answer('Pins', R.pageOf(R.Pin)) },
      handler: async ({ actorId, params }) =>
        reply(
          await messaging.listPins.execute({ actorId, conversationId: params.id!, asStaff: true }),
          200,
          (data) => ({ data, nextCursor: null }),
        ),
    },
  ];
}
