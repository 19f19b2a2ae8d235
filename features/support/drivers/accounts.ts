import type { AccountMail, Parley } from '@parley/core';
import { dataOf, type Json, type Outcome, type RestCall, type RunAs, type Session } from './driver.js';

export interface Device {
  name?: string;
  platform?: string;
  clientVersion?: string;
}

/** Sessions and devices (and, as they land, the rest of account security), as both drivers do them. */
export interface AccountsDriver {
  /** Signs in naming the device, as an app does. */
  signInFrom(login: string, password: string, device: Device): Promise<Outcome<Session>>;
  listSessions(as: Session): Promise<Outcome<Json[]>>;
  endSession(as: Session, sessionId: string): Promise<Outcome>;
  endOtherSessions(as: Session): Promise<Outcome>;
  /** Signs up as `register` does, answering what the server answered (a pending account has no tokens). */
  signUp(input: { email: string; username: string; password: string }): Promise<Outcome>;
  requestPasswordReset(email: string): Promise<Outcome>;
  resetPassword(token: string, newPassword: string): Promise<Outcome>;
  requestEmailVerification(email: string): Promise<Outcome>;
  verifyEmail(token: string): Promise<Outcome>;
  /** The account e-mails the server handed to its mailer, oldest first (the secret in each is its link's). */
  mails(): AccountMail[];
  /** The server's clock (the one codes are checked against). */
  serverTime(): Date;
  twoFactorStatus(as: Session): Promise<Outcome>;
  setUpTwoFactor(as: Session, password: string): Promise<Outcome>;
  enableTwoFactor(as: Session, code: string): Promise<Outcome>;
  disableTwoFactor(as: Session, body: { password: string; code?: string; recoveryCode?: string }): Promise<Outcome>;
  renewRecoveryCodes(as: Session, body: { password: string; code?: string; recoveryCode?: string }): Promise<Outcome>;
  /** Which messages of a conversation notify this person. */
  setNotifyLevel(as: Session, conversationId: string, level: string): Promise<Outcome>;
  /** Changes (or, with no patch, reads) the notification settings. */
  notificationSettings(as: Session, patch?: { enabled?: boolean; preview?: boolean }): Promise<Outcome>;
  /** The second step of a sign-in. */
  verifyTwoFactor(body: { challenge: string; code?: string; recoveryCode?: string }): Promise<Outcome<Session>>;
}

/** The caller of a route that takes no token (its token is left out of the request). */
const ANONYMOUS: Session = { userId: '', accessToken: '', refreshToken: '' };

/** A sign-in's answer as a Session: no tokens (empty) for an account still to verify, only the challenge for 2FA. */
export const toSession = (r: Outcome): Outcome<Session> =>
  r.ok
    ? {
        ok: true,
        value: {
          userId: r.value.user?.id ?? '',
          accessToken: r.value.accessToken ?? '',
          refreshToken: r.value.refreshToken ?? '',
          ...(r.value.challenge ? { challenge: r.value.challenge } : {}),
        },
      }
    : r;

/** Over REST. */
export function httpAccounts(call: RestCall, mails: () => AccountMail[], serverTime: () => Date): AccountsDriver {
  const anonymous = (path: string, body: Json) => call(ANONYMOUS, 'POST', path, body);
  return {
    mails,
    serverTime,
    twoFactorStatus: (s) => call(s, 'GET', '/auth/2fa'),
    setNotifyLevel: (s, id, level) => call(s, 'PUT', `/conversations/${id}/notifications`, { level }),
    notificationSettings: (s, patch) =>
      patch ? call(s, 'PATCH', '/notification-settings', patch) : call(s, 'GET', '/notification-settings'),
    setUpTwoFactor: (s, password) => call(s, 'POST', '/auth/2fa/setup', { password }),
    enableTwoFactor: (s, code) => call(s, 'POST', '/auth/2fa/enable', { code }),
    disableTwoFactor: (s, body) => call(s, 'DELETE', '/auth/2fa', body),
    renewRecoveryCodes: (s, body) => call(s, 'POST', '/auth/2fa/recovery-codes', body),
    verifyTwoFactor: async (body) => toSession(await anonymous('/auth/2fa/verify', body)),
    signUp: (input) => anonymous('/auth/register', input),
    requestPasswordReset: (email) => anonymous('/auth/password-reset', { email }),
    resetPassword: (token, newPassword) => anonymous('/auth/password-reset/confirm', { token, newPassword }),
    requestEmailVerification: (email) => anonymous('/auth/email-verification', { email }),
    verifyEmail: (token) => anonymous('/auth/email-verification/confirm', { token }),
    signInFrom: async (login, password, device) =>
      toSession(await call(ANONYMOUS, 'POST', '/auth/login', { login, password, device })),
    listSessions: async (s) => dataOf(await call(s, 'GET', '/sessions')),
    endSession: (s, id) => call(s, 'DELETE', `/sessions/${encodeURIComponent(id)}`),
    endOtherSessions: (s) => call(s, 'DELETE', '/sessions'),
  };
}

/** Through the core use cases in process. */
export function inProcessAccounts(
  as: RunAs,
  core: () => Parley,
  outcome: (r: Json) => Outcome,
  mails: () => AccountMail[],
  serverTime: () => Date,
): AccountsDriver {
  const identity = () => core().identity;
  const origin = { ip: '127.0.0.1', userAgent: 'cucumber (in process)' };
  return {
    mails,
    serverTime,
    twoFactorStatus: (s) => as(s, (actorId) => identity().getTwoFactorStatus.execute({ actorId })),
    setNotifyLevel: (s, conversationId, level) =>
      as(s, (actorId) => core().conversations.setNotifyLevel.execute({ actorId, conversationId, level })),
    notificationSettings: (s, patch) =>
      as(s, (actorId) =>
        patch
          ? identity().updateNotificationSettings.execute({ actorId, ...patch })
          : identity().getNotificationSettings.execute({ actorId }),
      ),
    setUpTwoFactor: (s, password) => as(s, (actorId) => identity().setUpTwoFactor.execute({ actorId, password })),
    enableTwoFactor: (s, code) => as(s, (actorId) => identity().enableTwoFactor.execute({ actorId, code })),
    disableTwoFactor: (s, body) => as(s, (actorId) => identity().disableTwoFactor.execute({ actorId, ...body })),
    renewRecoveryCodes: (s, body) => as(s, (actorId) => identity().renewRecoveryCodes.execute({ actorId, ...body })),
    verifyTwoFactor: async (body) =>
      toSession(outcome(await identity().completeTwoFactorSignIn.execute({ ...body, origin }))),
    signUp: async (input) => outcome(await identity().registerUser.execute({ ...input, origin })),
    requestPasswordReset: async (email) => outcome(await identity().requestPasswordReset.execute({ email })),
    resetPassword: async (token, newPassword) =>
      outcome(await identity().resetPassword.execute({ token, newPassword })),
    requestEmailVerification: async (email) => outcome(await identity().requestEmailVerification.execute({ email })),
    verifyEmail: async (token) => outcome(await identity().verifyEmail.execute({ token })),
    signInFrom: async (login, password, device) =>
      toSession(
        outcome(
          await identity().logIn.execute({
            login,
            password,
            device,
            origin,
          }),
        ),
      ),
    listSessions: async (s) =>
      dataOf(
        await as(s, async (actorId, sessionId) => {
          const listed = await identity().listSessions.execute({ actorId, sessionId });
          return listed.ok ? { ok: true, value: { data: listed.value } } : listed;
        }),
      ),
    endSession: (s, targetId) =>
      as(s, (actorId, sessionId) => identity().endSession.execute({ actorId, sessionId, targetId })),
    endOtherSessions: (s) => as(s, (actorId, sessionId) => identity().endOtherSessions.execute({ actorId, sessionId })),
  };
}
