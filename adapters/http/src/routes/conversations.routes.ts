import type { ConversationsModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

export function conversationRoutes(conversations: ConversationsModule): RouteSpec[] {
  const tag = 'conversations';
  return [
    {
      method: 'get',
      path: '/conversations',
      tag,
      summary: 'My conversations by last activity, with unread count, role and last message',
      query: schemas.conversationList,
      responses: { 200: answer('Your conversations', R.pageOf(R.Conversation)) },
      handler: async ({ actorId, query }) =>
        reply(await conversations.listConversations.execute({ actorId, ...query })),
    },
    {
      method: 'post',
      path: '/conversations',
      tag,
      summary: 'Open a direct conversation (existing one returned) or create a group or channel',
      body: schemas.createConversation,
      refusals: { 403: ['blocked', 'privacy_restricted'] },
      responses: {
        201: answer('Created', R.Conversation),
        200: answer('The existing direct conversation', R.Conversation),
      },
      handler: async ({ actorId, body }) => {
        const result = await conversations.createConversation.execute({ ...body, actorId });
        return reply(result, result.ok && !result.value.created ? 200 : 201, (v) => v.conversation);
      },
    },
    {
      method: 'get',
      path: '/conversations/public',
      tag,
      summary: 'Find public groups and channels by @username or name (private ones never show)',
      query: schemas.publicSearch,
      responses: { 200: answer('Public conversations, by id', R.pageOf(R.PublicConversation)) },
      handler: async ({ actorId, query }) =>
        reply(await conversations.searchPublicConversations.execute({ actorId, ...query })),
    },
    {
      method: 'get',
      path: '/conversations/public/:username',
      tag,
      summary: 'A public group or channel by its @username',
      responses: { 200: answer('The public conversation', R.PublicConversation) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.findPublicConversation.execute({ actorId, username: params.username! })),
    },
    {
      method: 'post',
      path: '/conversations/:id/join',
      tag,
      summary: 'Join a public group or channel by yourself (private ones answer 404)',
      body: schemas.empty,
      refusals: { 403: ['banned_from_conversation'], 409: ['already_member', 'member_limit_reached'] },
      responses: { 200: answer('Your participant row', R.Participant) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.joinConversation.execute({ actorId, conversationId: params.id! })),
    },
    {
      method: 'get',
      path: '/conversations/:id',
      tag,
      summary: 'One conversation (404 unless you are a member)',
      responses: { 200: answer('The conversation as you see it', R.Conversation) },
      handler: async ({ actorId, params }) =>
        reply(await conversations.getConversation.execute({ actorId, conversationId: params.id! })),
    },
    {
      method: 'patch',
      path: '/conversations/:id',
      tag,
      summary: 'Edit name, description, avatar, settings or public @username (null: private)',
      body: schemas.updateConversation,
      responses: { 200: answer('The updated conversation as you see it', R.Conversation) },
      handler: async ({ actorId, params, body }) => {
        reply(await conversations.updateConversation.execute({ ...body, actorId, conversationId: params.id! }));
        // Answered as GET answers it: the conversation as this member sees it, never the stored record.
        return reply(await conversations.getConversation.execute({ actorId, conversationId: params.id! }));
      },
    },
    {
      method: 'delete',
      path: '/conversations/:id',
      tag,
      summary: 'Delete for everyone (owner), or leave (?leave=true)',
      responses: { 204: 'Deleted or left' },
      handler: async ({ actorId, params, req }) =>
        reply(
          req.query.leave === 'true'
            ? await conversations.leaveConversation.execute({ actorId, conversationId: params.id! })
            : await conversations.deleteConversation.execute({ actorId, conversationId: params.id! }),
          204,
        ),
    },
    {
      method: 'get',
      path: '/conversations/:id/participants',
      tag,
      summary: 'Participants in join order',
      query: schemas.page,
      responses: { 200: answer('Participants', R.pageOf(R.Participant)) },
      handler: async ({ actorId, params, query }) =>
        reply(await conversations.listParticipants.execute({ actorId, conversationId: params.id!, ...query })),
    },
    {
      method: 'post',
      path: '/conversations/:id/participants',
      tag,
      summary: 'Add a participant',
      body: schemas.addParticipant,
      refusals: {
        403: ['banned_from_conversation', 'blocked', 'privacy_restricted'],
        409: ['already_member', 'member_limit_reached'],
      },
      responses: { 201: answer('Added', R.Participant), 200: answer('Already there', R.Participant) },
      handler: async ({ actorId, params, body }) =>
        reply(await conversations.addParticipant.execute({ ...body, actorId, conversationId: params.id! }), 201),
    },
    {
      method: 'post',
      path: '/conversations/:id/participants/bulk',
      tag,
      summary: 'Add up to 200 users at once; one result per user (added, or failed with its code)',
      body: schemas.addParticipants,
      responses: { 200: answer('One result per distinct user id, in request order', R.BulkAdded) },
      handler: async ({ actorId, params, body }) =>
        reply(await conversations.addParticipants.execute({ ...body, actorId, conversationId: params.id! })),
    },
    {
      method: 'patch',
      path: '/conversations/:id/participants/:uid',
      tag,
      summary:
        "Change a role and/or an admin's rights (owner transfers ownership with role=owner; an admin with " +
        'addAdmins appoints members with rights they hold)',
      refusals: {
        403: ['not_allowed', 'right_not_held'],
        409: ['own_role', 'role_not_in_kind', 'rights_for_admins_only'],
      },
      body: schemas.changeRole,
      responses: { 200: answer('The participant with the new role', R.Participant) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await conversations.changeParticipantRole.execute({
            actorId,
            conversationId: params.id!,
            userId: params.uid!,
            role: body.role,
            rights: body.rights,
          }),
        ),
    },
    {
      method: 'delete',
      path: '/conversations/:id/participants/:uid',
      tag,
      summary: 'Remove a participant (your own id: leave)',
      responses: { 204: 'Removed' },
      handler: async ({ actorId, params }) =>
        reply(
          await conversations.removeParticipant.execute({ actorId, conversationId: params.id!, userId: params.uid! }),
          204,
        ),
    },
    {
      method: 'put',
      path: '/conversations/:id/mute',
      tag,
      summary: "Mute notifications until a time, 'forever', or unmute with null",
      body: schemas.mute,
      responses: { 200: answer('Muted until (null: not muted)', R.Muted) },
      handler: async ({ actorId, params, body }) =>
        reply(await conversations.muteConversation.execute({ actorId, conversationId: params.id!, until: body.until })),
    },
    {
      method: 'put',
      path: '/conversations/:id/notifications',
      tag,
      summary: 'Which messages here notify you: all, only those mentioning you, or none (not even mentions)',
      body: schemas.notifyLevel,
      responses: { 200: answer('Your level here', R.NotifyLevel) },
      handler: async ({ actorId, params, body }) =>
        reply(await conversations.setNotifyLevel.execute({ actorId, conversationId: params.id!, level: body.level })),
    },
  ];
}
