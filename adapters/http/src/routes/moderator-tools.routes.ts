import type { ModerationModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/**
 * Moderator tools beyond reports: purging a person's messages as a job, and verdicts on any conversation. Staff
 * only, refused before anything else is looked at.
 */
export function moderatorToolRoutes(moderation: ModerationModule): RouteSpec[] {
  const tag = 'admin';
  const routes: RouteSpec[] = [
    {
      method: 'post',
      path: '/admin/users/:id/purge',
      tag,
      summary:
        "Delete a person's messages in every conversation (all, or sent in [since, until)) as one job " +
        '(moderator; audited)',
      body: schemas.purge,
      refusals: { 409: ['empty_window'] },
      responses: { 202: answer('The purge, queued; follow it at /admin/purges/:id', R.Purge) },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.startPurge.execute({ ...body, actorId, userId: params.id! }), 202),
    },
    {
      method: 'get',
      path: '/admin/purges/:id',
      tag,
      summary: 'How far a purge got (moderator)',
      responses: { 200: answer('The purge with its progress', R.Purge) },
      handler: async ({ actorId, params }) =>
        reply(await moderation.getPurge.execute({ actorId, purgeId: params.id! })),
    },
    ...conversationVerdictRoutes(moderation, tag),
  ];
  return routes.map((route) => ({ ...route, staff: true }));
}

/** A moderator's verdict on a conversation: shut (read-only for everyone), reopen, or delete; audited. */
const VERDICTS = [
  {
    verdict: 'shut',
    summary: 'Shut a conversation: everyone reads it, nobody posts (moderator; audited)',
    refusals: { 409: ['already_shut'] },
    responses: { 200: answer('The conversation, shut', R.ConversationRecord) },
  },
  {
    verdict: 'reopen',
    summary: 'Reopen a conversation a moderator shut (moderator; audited)',
    refusals: { 409: ['not_shut'] },
    responses: { 200: answer('The conversation, open', R.ConversationRecord) },
  },
  {
    verdict: 'delete',
    summary: 'Delete a conversation for everyone (moderator; audited)',
    refusals: {},
    responses: { 204: 'Deleted' },
  },
] as const;

function conversationVerdictRoutes(moderation: ModerationModule, tag: string): RouteSpec[] {
  return VERDICTS.map(({ verdict, summary, refusals, responses }) => ({
    method: 'post',
    path: `/admin/conversations/:id/${verdict}`,
    tag,
    summary,
    body: schemas.moderate,
    refusals,
    responses,
    handler: async ({ actorId, params, body }) =>
      reply(
        await moderation.moderateConversation.execute({
          actorId,
          conversationId: params.id!,
          verdict,
          reason: body.reason,
        }),
        verdict === 'delete' ? 204 : 200,
      ),
  }));
}
