import type { IdentityModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

export function userRoutes(identity: IdentityModule): RouteSpec[] {
  const tag = 'users';
  return [
    {
      method: 'get',
      path: '/users',
      tag,
      summary: 'Search people by username or display-name prefix',
      query: schemas.userSearch,
      responses: { 200: answer('People found', R.pageOf(R.PublicUser)) },
      handler: async ({ actorId, query }) =>
        reply(await identity.searchUsers.execute({ ...query, actorId }), 200, (data) => ({ data, nextCursor: null })),
    },
    {
      method: 'get',
      path: '/users/:id',
      tag,
      summary: 'A profile with presence (private fields for yourself)',
      responses: { 200: answer('A profile with presence (private fields for yourself)', R.Profile) },
      handler: async ({ actorId, params }) => reply(await identity.getUser.execute({ actorId, userId: params.id! })),
    },
    {
      method: 'patch',
      path: '/users/:id',
      tag,
      summary: 'Edit your own profile',
      body: schemas.profile,
      responses: { 200: answer('Your updated profile', R.PrivateUser) },
      handler: async ({ actorId, params, body }) =>
        reply(await identity.updateProfile.execute({ ...body, actorId, userId: params.id! })),
    },
    {
      method: 'put',
      path: '/users/:id/block',
      tag,
      summary: 'Block a person: they can no longer write to you, add you, find you or see your presence',
      refusals: { 409: ['cannot_block_yourself', 'too_many_blocks'] },
      responses: { 200: answer('You block them (also if you did already)', R.BlockState) },
      handler: async ({ actorId, params }) => reply(await identity.blockUser.execute({ actorId, userId: params.id! })),
    },
    {
      method: 'delete',
      path: '/users/:id/block',
      tag,
      summary: 'Unblock a person',
      responses: { 200: answer('You no longer block them', R.BlockState) },
      handler: async ({ actorId, params }) =>
        reply(await identity.unblockUser.execute({ actorId, userId: params.id! })),
    },
    {
      method: 'get',
      path: '/blocks',
      tag,
      summary: 'The people you blocked, the latest first',
      responses: { 200: answer('The people you blocked', R.pageOf(R.BlockedUser)) },
      handler: async ({ actorId }) =>
        reply(await identity.listBlockedUsers.execute({ actorId }), 200, (data) => ({ data, nextCursor: null })),
    },
    {
      method: 'get',
      path: '/privacy',
      tag,
      summary: 'Your privacy settings: who may message you, add you, see your last seen, find you',
      responses: { 200: answer('Every setting, defaults included', R.Privacy) },
      handler: async ({ actorId }) => reply(await identity.getPrivacy.execute({ actorId })),
    },
    {
      method: 'patch',
      path: '/privacy',
      tag,
      summary:
        'Change some privacy settings: audience everyone, shared (people you share a conversation with) or ' +
        'nobody, and per-person allow / deny lists (a list replaces the old one)',
      body: schemas.privacy,
      responses: { 200: answer('Every setting, as they now are', R.Privacy) },
      handler: async ({ actorId, body }) => reply(await identity.updatePrivacy.execute({ actorId, patch: body })),
    },
    {
      method: 'get',
      path: '/notification-settings',
      tag,
      summary: 'How you are notified while away: the global switch, and whether notifications show a preview',
      responses: { 200: answer('Your notification settings', R.NotificationSettings) },
      handler: async ({ actorId }) => reply(await identity.getNotificationSettings.execute({ actorId })),
    },
    {
      method: 'patch',
      path: '/notification-settings',
      tag,
      summary: 'Change your notification settings (`enabled`, `preview`)',
      body: schemas.notificationSettings,
      responses: { 200: answer('Your notification settings, as they now are', R.NotificationSettings) },
      handler: async ({ actorId, body }) =>
        reply(await identity.updateNotificationSettings.execute({ actorId, ...body })),
    },
    {
      method: 'put',
      path: '/users/:id/avatar',
      tag,
      summary: 'Set your avatar to an uploaded image',
      body: schemas.avatar,
      responses: { 200: answer('Your updated profile', R.PrivateUser) },
      handler: async ({ actorId, params, body }) =>
        reply(await identity.updateProfile.execute({ actorId, userId: params.id!, avatarMediaId: body.mediaId })),
    },
  ];
}
