import type { MessagingModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/** What people do with messages besides writing them: schedule, pin, vote, react, read, count views. */
export function messageActionRoutes(messaging: MessagingModule): RouteSpec[] {
  const tag = 'messages';
  return [
    {
      method: 'post',
      path: '/conversations/:cid/scheduled-messages',
      tag,
      summary: 'Schedule a message to go out at sendAt (checked now, and again as it goes out)',
      body: schemas.schedule,
      refusals: { 403: ['content_blocked', 'content_needs_review'] },
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
