import type { ConversationsModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/** Owners and admins keep a group or channel safe: bans and member restrictions (docs/security.md). */
export function conversationSafetyRoutes(conversations: ConversationsModule): RouteSpec[] {
  const tag = 'conversations';
  return [
    {
      method: 'get',
      path: '/conversations/:id/bans',
      tag,
      summary: 'Who is banned from this group or channel, by user id (owners and admins)',
      query: schemas.page,
      responses: { 200: answer('Bans that still hold', R.pageOf(R.ConversationBan)) },
      handler: async ({ actorId, params, query }) =>
        reply(await conversations.listBans.execute({ actorId, conversationId: params.id!, ...query })),
    },
    {
      method: 'put',
      path: '/conversations/:id/bans/:uid',
      tag,
      summary:
        'Ban someone (member or not) for good or until a time: a member is taken out; they cannot rejoin, ' +
        'use an invite link, ask to join or be added while it holds',
      body: schemas.conversationBan,
      refusals: { 403: ['not_allowed'], 409: ['cannot_ban_yourself', 'until_in_past'] },
      responses: { 200: answer('The ban (banning again replaces it)', R.ConversationBan) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await conversations.banParticipant.execute({
            actorId,
            conversationId: params.id!,
            userId: params.uid!,
            until: body.until,
            reason: body.reason,
          }),
        ),
    },
    {
      method: 'delete',
      path: '/conversations/:id/bans/:uid',
      tag,
      summary: 'Lift a ban (idempotent); they are not added back, they may join again',
      responses: { 204: 'Lifted' },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.unbanParticipant.execute({ actorId, conversationId: params.id!, userId: params.uid! }),
          204,
        ),
    },
    {
      method: 'put',
      path: '/conversations/:id/participants/:uid/restrictions',
      tag,
      summary:
        'Restrict a member for good or until a time: deny send (read-only), media, links or polls; ' +
        'an empty list lifts it',
      body: schemas.restrict,
      refusals: { 403: ['not_allowed'], 409: ['cannot_restrict_yourself', 'until_in_past'] },
      responses: { 200: answer('The participant with its restrictions', R.Participant) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await conversations.restrictParticipant.execute({
            actorId,
            conversationId: params.id!,
            userId: params.uid!,
            deny: body.deny,
            until: body.until,
          }),
        ),
    },
  ];
}
