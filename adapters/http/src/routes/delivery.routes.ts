import { JOB_NAMES, type DeliveryModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import { idList } from './auth.routes.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/** The delivery module's endpoints: catch-up, sync, typing, presence, and dead jobs for the admin CLI. */
export function deliveryRoutes(delivery: DeliveryModule): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/conversations/:id/events',
      tag: 'conversations',
      summary: 'Catch-up: events after an eventSeq, in order, without gaps',
      query: schemas.events,
      responses: { 200: answer('Events after the given eventSeq', R.EventsPage) },
      handler: async ({ actorId, params, query }) =>
        reply(await delivery.getConversationEvents.execute({ actorId, conversationId: params.id!, ...query })),
    },
    {
      method: 'get',
      path: '/conversations/:id/typing',
      tag: 'conversations',
      summary: 'Who is typing now',
      responses: { 200: answer('Who is typing', R.pageOf(R.Typing)) },
      handler: async ({ actorId, params }) =>
        reply(await delivery.listTyping.execute({ actorId, conversationId: params.id! }), 200, (data) => ({
          data,
          nextCursor: null,
        })),
    },
    {
      method: 'post',
      path: '/conversations/:id/typing',
      tag: 'conversations',
      summary: 'Start (typing=true, lasts ~6 s) or stop typing',
      body: schemas.typing,
      responses: { 200: answer('Typing until', R.TypingStarted) },
      handler: async ({ actorId, params, body }) =>
        reply(await delivery.setTyping.execute({ actorId, conversationId: params.id!, typing: body.typing })),
    },
    {
      method: 'get',
      path: '/sync',
      tag: 'conversations',
      summary: 'Conversations changed since a sync token',
      query: schemas.sync,
      responses: { 200: answer('Conversations changed since the token', R.SyncResult) },
      handler: async ({ actorId, query }) =>
        reply(await delivery.syncConversations.execute({ actorId, syncToken: query.token })),
    },
    {
      method: 'get',
      path: '/presence',
      tag: 'users',
      summary: 'Status and last-seen of users (comma-separated ids)',
      query: schemas.presence,
      responses: { 200: answer('Status and last-seen of each', R.pageOf(R.Presence)) },
      handler: async ({ actorId, query }) =>
        reply(await delivery.getPresence.execute({ actorId, userIds: idList(query.userIds) }), 200, (data) => ({
          data,
          nextCursor: null,
        })),
    },
    {
      method: 'get',
      path: '/admin/jobs/:name/dead',
      paramValues: { name: JOB_NAMES },
      tag: 'admin',
      staff: true,
      summary:
        'Dead jobs of a job name, oldest first: failed on every attempt, given up, or kept killing their worker ' +
        '(moderator)',
      query: schemas.deadJobs,
      responses: { 200: answer('Dead jobs', R.pageOf(R.DeadJob)) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await delivery.listDeadJobs.execute({ actorId, name: params.name!, limit: query.limit }),
          200,
          (data) => ({ data, nextCursor: null }),
        ),
    },
    {
      method: 'post',
      path: '/admin/jobs/:name/dead/retry',
      paramValues: { name: JOB_NAMES },
      tag: 'admin',
      staff: true,
      summary: 'Run dead jobs again from attempt 1: all of the job name, or the ids given (admin; audited)',
      body: schemas.retryDeadJobs,
      responses: { 200: answer('The ids of the jobs queued again', R.RetriedJobs) },
      handler: async ({ actorId, params, body }) =>
        reply(await delivery.retryDeadJobs.execute({ actorId, name: params.name!, ids: body.ids })),
    },
  ];
}
