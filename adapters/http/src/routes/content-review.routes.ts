import type { MessagingModule, ModerationModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, page, reply, type RouteSpec } from './route.js';

/**
 * Word and link filters on what is posted, and the queue of messages a `hold` filter kept back: moderators
 * only (refused before anything is looked at), every change audited. A sender follows their own held
 * message at `/held-messages/:id` (see heldReceiptRoute).
 */
export function contentReviewRoutes(moderation: ModerationModule, messaging: MessagingModule): RouteSpec[] {
  const tag = 'admin';
  const routes: RouteSpec[] = [
    {
      method: 'get',
      path: '/admin/filters',
      tag,
      summary: 'The word and link filters (moderator)',
      responses: { 200: answer('Every filter, oldest first (one page)', R.pageOf(R.ContentFilter)) },
      handler: async ({ actorId }) =>
        reply(await moderation.listContentFilters.execute({ actorId }), 200, (data) => ({ data, nextCursor: null })),
    },
    {
      method: 'post',
      path: '/admin/filters',
      tag,
      summary:
        'Add a word or link filter: `block` refuses matching sends, `hold` keeps them for review ' +
        '(moderator; audited; applies on every node at once)',
      body: schemas.filter,
      refusals: { 409: ['filter_exists', 'too_many_filters'] },
      responses: { 201: answer('The filter', R.ContentFilter) },
      handler: async ({ actorId, body }) => reply(await moderation.addContentFilter.execute({ ...body, actorId }), 201),
    },
    {
      method: 'post',
      path: '/admin/filters/dry-run',
      tag,
      summary: 'What a filter would have caught in the latest N messages (default 1000), without adding it (moderator)',
      body: schemas.filterDryRun,
      responses: { 200: answer('How many it would have caught, and the newest 100 of them', R.FilterDryRun) },
      handler: async ({ actorId, body }) => reply(await moderation.tryContentFilter.execute({ ...body, actorId })),
    },
    {
      method: 'delete',
      path: '/admin/filters/:id',
      tag,
      summary: 'Remove a filter (moderator; audited)',
      responses: { 204: 'Removed' },
      handler: async ({ actorId, params }) =>
        reply(await moderation.removeContentFilter.execute({ actorId, filterId: params.id! }), 204),
    },
    {
      method: 'get',
      path: '/admin/held-messages',
      tag,
      summary: 'Messages held for review, oldest first (default: those still waiting) (moderator)',
      query: schemas.heldMessages,
      responses: { 200: answer('A page of held messages', R.pageOf(R.HeldMessage)) },
      handler: async ({ actorId, query }) =>
        reply(await messaging.listHeldMessages.execute({ ...query, actorId }), 200, page),
    },
    ...(['approve', 'reject'] as const).map((decision): RouteSpec => ({
      method: 'post',
      path: `/admin/held-messages/:id/${decision}`,
      tag,
      summary:
        decision === 'approve'
          ? 'Approve a held message: it is sent now, as its sender (moderator; audited)'
          : 'Reject a held message: it is never posted; its sender is told (moderator; audited)',
      body: schemas.review,
      refusals: { 409: decision === 'approve' ? ['already_reviewed', 'sender_cannot_post'] : ['already_reviewed'] },
      responses: { 200: answer('The decision, and the message it became', R.HeldReview) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await messaging.reviewHeldMessage.execute({ actorId, heldId: params.id!, decision, reason: body.reason }),
        ),
    })),
  ];
  return [...routes.map((route) => ({ ...route, staff: true })), heldReceiptRoute(messaging)];
}

function heldReceiptRoute(messaging: MessagingModule): RouteSpec {
  return {
    method: 'get',
    path: '/held-messages/:id',
    tag: 'messages',
    summary: 'What became of a message of yours held for review',
    responses: { 200: answer('Waiting, approved (with the message id) or rejected', R.HeldReceipt) },
    handler: async ({ actorId, params }) =>
      reply(await messaging.getHeldMessage.execute({ actorId, heldId: params.id! })),
  };
}
