import type { ConversationsModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

const pageOfAll = <T>(data: T[]) => ({ data, nextCursor: null });

/** Invite links and join requests: admins manage them, anyone signed in with a link joins through it. */
export function inviteRoutes(conversations: ConversationsModule): RouteSpec[] {
  const tag = 'invites';
  return [
    {
      method: 'post',
      path: '/conversations/:id/invites',
      tag,
      summary: 'Create an invite link: optional name, expiry, usage limit and admin approval (owners and admins)',
      body: schemas.createInvite,
      responses: { 201: answer('The new link', R.Invite) },
      handler: async ({ actorId, params, body }) =>
        reply(await conversations.createInvite.execute({ ...body, actorId, conversationId: params.id! }), 201),
    },
    {
      method: 'get',
      path: '/conversations/:id/invites',
      tag,
      summary: 'Invite links, the newest first, with use counts and state (owners and admins)',
      responses: { 200: answer('Invite links', R.pageOf(R.Invite)) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.listInvites.execute({ actorId, conversationId: params.id! }), 200, pageOfAll),
    },
    {
      method: 'delete',
      path: '/conversations/:id/invites/:code',
      tag,
      summary: 'Revoke an invite link (owners and admins); who joined through it stays',
      responses: { 204: 'Revoked' },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.revokeInvite.execute({ actorId, conversationId: params.id!, code: params.code! }),
          204,
        ),
    },
    {
      method: 'get',
      path: '/conversations/:id/invites/:code/uses',
      tag,
      summary: 'Who joined through a link, and when, the most recent first (owners and admins)',
      query: schemas.limitOnly,
      responses: { 200: answer('Uses of the link', R.pageOf(R.InviteUse)) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await conversations.listInviteUses.execute({
            actorId,
            conversationId: params.id!,
            code: params.code!,
            limit: query.limit,
          }),
          200,
          pageOfAll,
        ),
    },
    {
      method: 'get',
      path: '/conversations/:id/join-requests',
      tag,
      summary: 'Pending join requests, the oldest first (owners and admins)',
      responses: { 200: answer('Join requests', R.pageOf(R.JoinRequest)) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.listJoinRequests.execute({ actorId, conversationId: params.id! }), 200, pageOfAll),
    },
    {
      method: 'post',
      path: '/conversations/:id/join-requests/:uid/approve',
      tag,
      summary: 'Approve a join request: the person joins (owners and admins)',
      body: schemas.empty,
      responses: { 200: answer('The new participant', R.Participant) },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.decideJoinRequest.execute({
            actorId,
            conversationId: params.id!,
            userId: params.uid!,
            approve: true,
          }),
        ),
    },
    {
      method: 'post',
      path: '/conversations/:id/join-requests/:uid/decline',
      tag,
      summary: 'Decline a join request (owners and admins)',
      body: schemas.empty,
      responses: { 204: 'Declined' },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.decideJoinRequest.execute({
            actorId,
            conversationId: params.id!,
            userId: params.uid!,
            approve: false,
          }),
          204,
        ),
    },
    {
      method: 'get',
      path: '/invites/:code',
      tag,
      summary: 'What an invite link leads to: name, kind, member count, whether it still works',
      responses: { 200: answer('The preview', R.InvitePreview) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.previewInvite.execute({ actorId, code: params.code! })),
    },
    {
      method: 'post',
      path: '/invites/:code/join',
      tag,
      summary: 'Join through an invite link: at once, or as a join request when the link requires approval',
      body: schemas.empty,
      refusals: { 403: ['banned_from_conversation'], 409: ['already_member', 'invite_expired', 'invite_full'] },
      responses: { 200: answer('Joined (with your participant row), or requested', R.JoinResult) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.joinByInvite.execute({ actorId, code: params.code! })),
    },
    {
      method: 'get',
      path: '/admin/conversations/:id/invites',
      tag: 'admin',
      staff: true,
      summary: "List any conversation's invite links (moderator)",
      responses: { 200: answer('Invite links', R.pageOf(R.Invite)) },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.listInvites.execute({ actorId, conversationId: params.id!, asStaff: true }),
          200,
          (data) => ({ data, nextCursor: null }),
        ),
    },
    {
      method: 'post',
      path: '/admin/conversations/:id/invites/:code/revoke',
      tag: 'admin',
      staff: true,
      summary: 'Revoke an invite link of any conversation, with a reason (moderator; audited)',
      body: schemas.moderate,
      responses: { 200: answer('The revoked link', R.Invite) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await conversations.revokeInvite.execute({
            actorId,
            conversationId: params.id!,
            code: params.code!,
            asStaff: true,
            reason: body.reason,
          }),
        ),
    },
  ];
}
