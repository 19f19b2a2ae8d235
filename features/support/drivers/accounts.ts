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
}

/** The caller of a route that takes no token (its token is left out of the request). */
const ANONYMOUS: Session = { userId: '', accessToken: '', refreshToken: '' };

const toSession = (r: Outcome): Outcome<Session> =>
  r.ok
    ? {
        ok: true,
        value: { userId: r.value.user.id, accessToken: r.value.accessToken, refreshToken: r.value.refreshToken },
      }
    : r;

/** Over REST. */
export function httpAccounts(call: RestCall, mails: () => AccountMail[]): AccountsDriver {
  const anonymous = (path: string, body: Json) => call(ANONYMOUS, 'POST', path, body);
  return {
    mails,
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
): AccountsDriver {
  const identity = () => core().identity;
  const origin = { ip: '127.0.0.1', userAgent: 'cucumber (in process)' };
  return {
    mails,
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
