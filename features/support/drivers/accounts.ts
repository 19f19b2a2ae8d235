import type { Parley } from '@parley/core';
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
export function httpAccounts(call: RestCall): AccountsDriver {
  return {
    signInFrom: async (login, password, device) =>
      toSession(await call(ANONYMOUS, 'POST', '/auth/login', { login, password, device })),
    listSessions: async (s) => dataOf(await call(s, 'GET', '/sessions')),
    endSession: (s, id) => call(s, 'DELETE', `/sessions/${encodeURIComponent(id)}`),
    endOtherSessions: (s) => call(s, 'DELETE', '/sessions'),
  };
}

/** Through the core use cases in process. */
export function inProcessAccounts(as: RunAs, core: () => Parley, outcome: (r: Json) => Outcome): AccountsDriver {
  const identity = () => core().identity;
  return {
    signInFrom: async (login, password, device) =>
      toSession(
        outcome(
          await identity().logIn.execute({
            login,
            password,
            device,
            origin: { ip: '127.0.0.1', userAgent: 'cucumber (in process)' },
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
