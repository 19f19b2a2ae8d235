import type { UseCases } from '@parley/core';
import { schemas } from '../validation.js';
import { idList } from './auth.routes.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

export function userRoutes(uc: UseCases): RouteSpec[] {
  const tag = 'users';
  return [
    { method: 'get', path: '/users', tag, summary: 'Search people by username or display-name prefix', query: schemas.userSearch,
      responses: { 200: answer('People found', R.pageOf(R.PublicUser)) },
      handler: async ({ query }) => reply(await uc.searchUsers.execute(query), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'get', path: '/users/:id', tag, summary: 'A profile with presence (private fields for yourself)', responses: { 200: answer('A profile with presence (private fields for yourself)', R.Profile) },
      handler: async ({ actorId, params }) => reply(await uc.getUser.execute({ actorId, userId: params.id! })) },
    { method: 'patch', path: '/users/:id', tag, summary: 'Edit your own profile', body: schemas.profile, responses: { 200: answer('Your updated profile', R.PrivateUser) },
      handler: async ({ actorId, params, body }) => reply(await uc.updateProfile.execute({ ...body, actorId, userId: params.id! })) },
    { method: 'put', path: '/users/:id/avatar', tag, summary: 'Set your avatar to an uploaded image', body: schemas.avatar, responses: { 200: answer('Your updated profile', R.PrivateUser) },
      handler: async ({ actorId, params, body }) => reply(await uc.updateProfile.execute({ actorId, userId: params.id!, avatarMediaId: body.mediaId })) },
    { method: 'post', path: '/users/:id/export', tag, summary: 'GDPR export of everything you own; needs your password (audited; admins use /admin)', body: schemas.reauthenticate, checksPassword: true,
      responses: { 200: answer('Everything Parley holds about you', R.UserExport) },
      handler: async ({ actorId, params, body }) => reply(await uc.exportUserData.execute({ via: 'self', actorId, userId: params.id!, password: body.password })) },
    { method: 'delete', path: '/users/:id', tag, summary: 'GDPR erasure of your own account; needs your password (audited; admins use /admin)', body: schemas.reauthenticate, checksPassword: true,
      responses: { 204: 'Erased' },
      handler: async ({ actorId, params, body }) => reply(await uc.eraseUser.execute({ via: 'self', actorId, userId: params.id!, password: body.password }), 204) },
    { method: 'get', path: '/presence', tag, summary: 'Status and last-seen of users (comma-separated ids)', query: schemas.presence,
      responses: { 200: answer('Status and last-seen of each', R.pageOf(R.Presence)) },
      handler: async ({ query }) => reply(await uc.getPresence.execute({ userIds: idList(query.userIds) }), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'get', path: '/flags', tag, summary: 'Feature flags and whether each is on', responses: { 200: answer('Every feature flag and whether it is on', R.pageOf(R.FlagState)) },
      handler: async () => reply(await uc.listFlags.execute(), 200, (data) => ({ data, nextCursor: null })) },
  ];
}
