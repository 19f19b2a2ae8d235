import type { Request } from 'express';
import type { IdentityModule, RequestOrigin } from '@parley/core';
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
      summary: 'Create an account and sign in (with REQUIRE_EMAIL_VERIFICATION: get a link to verify first)',
      body: schemas.register,
      responses: {
        201: answer('Signed up and signed in', R.Session),
        202: answer('Signed up; follow the link e-mailed to you, then sign in', R.PendingAccount),
      },
      handler: async ({ body, req }) => {
        const result = await identity.registerUser.execute({ ...body, origin: origin(req) });
        return reply(result, result.ok && 'verificationRequired' in result.value ? 202 : 201);
      },
    },
    {
      method: 'post',
      path: '/auth/login',
      tag,
      auth: false,
      summary: 'Sign in with email or username (with two-factor sign-in on: a challenge for the second step)',
      body: schemas.login,
      refusals: { 403: ['banned', 'email_not_verified'] },
      responses: {
        200: answer('Signed in', R.Session),
        202: answer('The password was right; send a code with the challenge to /auth/2fa/verify', R.TwoFactorChallenge),
      },
      handler: async ({ body, req }) => {
        const result = await identity.logIn.execute({ ...body, origin: origin(req) });
        return reply(result, result.ok && 'twoFactorRequired' in result.value ? 202 : 200);
      },
    },
    {
      method: 'post',
      path: '/auth/refresh',
      tag,
      auth: false,
      summary: 'Rotate the refresh token (reuse revokes the session)',
      body: schemas.refresh,
      responses: { 200: answer('New tokens (the refresh token is rotated)', R.Session) },
      handler: async ({ body, req }) => reply(await identity.refreshSession.execute({ ...body, origin: origin(req) })),
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
      method: 'post',
      path: '/auth/password-reset',
      tag,
      auth: false,
      summary: 'Forgot your password: e-mails a single-use reset link (the same answer whether the address exists)',
      body: schemas.accountEmail,
      responses: { 202: 'If an account has this address, a link is on its way (valid for an hour)' },
      handler: async ({ body }) => accepted(await identity.requestPasswordReset.execute(body)),
    },
    {
      method: 'post',
      path: '/auth/password-reset/confirm',
      tag,
      auth: false,
      summary: "Set a new password with a reset link's token; every session of the account ends",
      body: schemas.resetPassword,
      refusals: { 403: ['token_invalid', 'token_expired', 'token_used'] },
      responses: { 204: 'Changed: sign in with the new password' },
      handler: async ({ body }) => reply(await identity.resetPassword.execute(body), 204),
    },
    {
      method: 'post',
      path: '/auth/email-verification',
      tag,
      auth: false,
      summary: 'E-mails a link to verify the address (the same answer whether the address exists)',
      body: schemas.accountEmail,
      responses: { 202: 'If an unverified account has this address, a link is on its way (valid for 48 hours)' },
      handler: async ({ body }) => accepted(await identity.requestEmailVerification.execute(body)),
    },
    {
      method: 'post',
      path: '/auth/email-verification/confirm',
      tag,
      auth: false,
      summary: "Verify the account's address with the token of the link e-mailed to it",
      body: schemas.verifyEmail,
      refusals: { 403: ['token_invalid', 'token_expired', 'token_used'] },
      responses: { 204: 'Verified' },
      handler: async ({ body }) => reply(await identity.verifyEmail.execute(body), 204),
    },
    {
      method: 'post',
      path: '/auth/2fa/verify',
      tag,
      auth: false,
      summary: 'The second step of a sign-in: the challenge and a code from the app (or a recovery code)',
      body: schemas.twoFactorVerify,
      refusals: { 403: ['token_invalid', 'token_expired', 'token_used'] },
      responses: { 200: answer('Signed in', R.Session) },
      handler: async ({ body, req }) =>
        reply(await identity.completeTwoFactorSignIn.execute({ ...body, origin: origin(req) })),
    },
    {
      method: 'get',
      path: '/auth/2fa',
      tag,
      summary: 'Whether two-factor sign-in is on, and how many recovery codes are left',
      responses: { 200: answer('Two-factor sign-in', R.TwoFactorStatus) },
      handler: async ({ actorId }) => reply(await identity.getTwoFactorStatus.execute({ actorId })),
    },
    {
      method: 'post',
      path: '/auth/2fa/setup',
      tag,
      summary: 'Start enrolment (the password again): a new TOTP secret and its otpauth:// URI',
      body: schemas.twoFactorSetup,
      checksPassword: true,
      refusals: { 409: ['two_factor_enabled'] },
      responses: { 200: answer('Scan the URI (as a QR code) with an authenticator app', R.TwoFactorSetup) },
      handler: async ({ actorId, body }) => reply(await identity.setUpTwoFactor.execute({ actorId, ...body })),
    },
    {
      method: 'post',
      path: '/auth/2fa/enable',
      tag,
      summary: 'Turn two-factor sign-in on with a first code from the app; answers the recovery codes, once',
      body: schemas.twoFactorEnable,
      refusals: { 409: ['two_factor_enabled', 'two_factor_not_set_up'] },
      responses: { 200: answer('On: keep the recovery codes somewhere safe', R.RecoveryCodes) },
      handler: async ({ actorId, body }) => reply(await identity.enableTwoFactor.execute({ actorId, ...body })),
    },
    {
      method: 'delete',
      path: '/auth/2fa',
      tag,
      summary: 'Turn two-factor sign-in off: the password and a code (or a recovery code) again; audited',
      body: schemas.twoFactorDisable,
      checksPassword: true,
      refusals: { 409: ['two_factor_not_enabled'] },
      responses: { 204: 'Off' },
      handler: async ({ actorId, body }) => reply(await identity.disableTwoFactor.execute({ actorId, ...body }), 204),
    },
    {
      method: 'post',
      path: '/auth/2fa/recovery-codes',
      tag,
      summary: 'New recovery codes (the old ones stop working): the password and a code (or a recovery code) again',
      body: schemas.twoFactorDisable,
      checksPassword: true,
      refusals: { 409: ['two_factor_not_enabled'] },
      responses: { 200: answer('Keep the new recovery codes somewhere safe', R.RecoveryCodes) },
      handler: async ({ actorId, body }) => reply(await identity.renewRecoveryCodes.execute({ actorId, ...body })),
    },
    {
      method: 'get',
      path: '/sessions',
      tag,
      summary: 'Where you are signed in: every live session, the most recently active first',
      responses: { 200: answer('Your sessions (`current` marks this one)', R.SignedInSessions) },
      handler: async ({ actorId, principal }) =>
        reply(await identity.listSessions.execute({ actorId, sessionId: principal.sessionId }), 200, (data) => ({
          data,
        })),
    },
    {
      method: 'delete',
      path: '/sessions/:sessionId',
      tag,
      summary: 'End one of your sessions (a lost device; your own signs you out); audited',
      responses: { 204: 'Ended: its tokens and sockets stop on every node within a second' },
      handler: async ({ actorId, principal, params }) =>
        reply(
          await identity.endSession.execute({ actorId, sessionId: principal.sessionId, targetId: params.sessionId! }),
          204,
        ),
    },
    {
      method: 'delete',
      path: '/sessions',
      tag,
      summary: 'End every session but this one; audited',
      responses: { 200: answer('How many sessions ended', R.EndedSessions) },
      handler: async ({ actorId, principal }) =>
        reply(await identity.endOtherSessions.execute({ actorId, sessionId: principal.sessionId })),
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

/** Where a sign-in came from, as this edge saw it (Express's `trust proxy` decides what req.ip believes). */
const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });

/** 202 with no body: the request was taken, and says nothing about whether an account matched. */
const accepted = (result: Parameters<typeof reply>[0]) => ({ ...reply(result, 204), status: 202 });

/** Splits a comma-separated id list from a query string. */
export function idList(value: string): string[] {
  const ids = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length > 200) throw new HttpError(422, 'validation_failed', 'userIds must list at most 200 users');
  return ids;
}
