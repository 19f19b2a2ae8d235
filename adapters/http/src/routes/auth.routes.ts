import type { IdentityModule } from '@parley/core';
import { HttpError } from '../errors.js';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

export function authRoutes(identity: IdentityModule): RouteSpec[] {
  const tag = 'auth';
  return [
    {
      method: 'post',
      path: '/auth/register',
      tag,
      auth: false,
      summary: 'Create an account and sign in',
      body: schemas.register,
      responses: { 201: answer('Signed up and signed in', R.Session) },
      handler: async ({ body }) => reply(await identity.registerUser.execute(body), 201),
    },
    {
      method: 'post',
      path: '/auth/login',
      tag,
      auth: false,
      summary: 'Sign in with email or username',
      body: schemas.login,
      responses: { 200: answer('Signed in', R.Session) },
      handler: async ({ body }) => reply(await identity.logIn.execute(body)),
    },
    {
      method: 'post',
      path: '/auth/refresh',
      tag,
      auth: false,
      summary: 'Rotate the refresh token (reuse revokes the session)',
      body: schemas.refresh,
      responses: { 200: answer('New tokens (the refresh token is rotated)', R.Session) },
      handler: async ({ body }) => reply(await identity.refreshSession.execute(body)),
    },
    {
      method: 'delete',
      path: '/auth/logout',
      tag,
      summary: 'Revoke the current session (its refresh-token family)',
      body: schemas.logout,
      responses: { 204: 'Signed out' },
      handler: async ({ principal }) => reply(await identity.logOut.execute({ sessionId: principal.sessionId }), 204),
    },
    {
      method: 'put',
      path: '/auth/password',
      tag,
      summary: 'Change your password; every other session ends (audited)',
      body: schemas.changePassword,
      checksPassword: true,
      responses: { 204: 'Changed' },
      handler: async ({ actorId, principal, body }) =>
        reply(await identity.changePassword.execute({ actorId, sessionId: principal.sessionId, ...body }), 204),
    },
    {
      method: 'get',
      path: '/auth/me',
      tag,
      summary: 'The signed-in user',
      responses: { 200: answer('Your private profile with presence', R.Profile) },
      handler: async ({ actorId }) => reply(await identity.getUser.execute({ actorId, userId: actorId })),
    },
  ];
}

/** Splits a comma-separated id list from a query string. */
export function idList(value: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length > 200) throw new HttpError(422, 'validation_failed', 'userIds must list at most 200 users');
  return ids;
}
