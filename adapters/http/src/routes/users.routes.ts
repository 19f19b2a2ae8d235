import type { UseCases } from '@parley/core';
import { schemas } from '../validation.js';
import { idList } from './auth.routes.js';
import { reply, type RouteSpec } from './route.js';

export function userRoutes(uc: UseCases): RouteSpec[] {
  const tag = 'users';
  return [
    { method: 'get', path: '/users', tag, summary: 'Search people by username or display-name prefix', query: schemas.userSearch,
      responses: { 200: '{ data: PublicUser[], nextCursor: null }' },
      handler: async ({ query }) => reply(await uc.searchUsers.execute(query), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'get', path: '/users/:id', tag, summary: 'A profile with presence (private fields for yourself)', responses: { 200: 'Profile' },
      handler: async ({ actorId, params }) => reply(await uc.getUser.execute({ actorId, userId: params.id! })) },
    { method: 'patch', path: '/users/:id', tag, summary: 'Edit your own profile', body: schemas.profile, responses: { 200: 'Updated profile' },
      handler: async ({ actorId, params, body }) => reply(await uc.updateProfile.execute({ ...body, actorId, userId: params.id! })) },
    { method: 'put', path: '/users/:id/avatar', tag, summary: 'Set your avatar to an uploaded image', body: schemas.avatar, responses: { 200: 'Updated profile' },
      handler: async ({ actorId, params, body }) => reply(await uc.updateProfile.execute({ actorId, userId: params.id!, avatarMediaId: body.mediaId })) },
    { method: 'post', path: '/users/:id/export', tag, summary: 'GDPR export of everything you own; needs your password (audited; admins use /admin)', body: schemas.reauthenticate, checksPassword: true,
      responses: { 200: 'Export document' },
      handler: async ({ actorId, params, body }) => reply(await uc.exportUserData.execute({ via: 'self', actorId, userId: params.id!, password: body.password })) },
    { method: 'delete', path: '/users/:id', tag, summary: 'GDPR erasure of your own account; needs your password (audited; admins use /admin)', body: schemas.reauthenticate, checksPassword: true,
      responses: { 204: 'Erased' },
      handler: async ({ actorId, params, body }) => reply(await uc.eraseUser.execute({ via: 'self', actorId, userId: params.id!, password: body.password }), 204) },
    { method: 'get', path: '/presence', tag, summary: 'Status and last-seen of users (comma-separated ids)', query: schemas.presence,
      responses: { 200: '{ data: [{ userId, status, lastSeenAt }] }' },
      handler: async ({ query }) => reply(await uc.getPresence.execute({ userIds: idList(query.userIds) }), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'get', path: '/flags', tag, summary: 'Feature flags and whether each is on', responses: { 200: '{ data: Flag[] }' },
      handler: async () => reply(await uc.listFlags.execute(), 200, (data) => ({ data, nextCursor: null })) },
  ];
}
