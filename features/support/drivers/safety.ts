import type { Parley } from '@parley/core';
import type { Json, Outcome, RestCall, RunAs, Session } from './driver.js';

/**
 * Bans and member restrictions in a group or channel (owners and admins), and one's own privacy settings, as both
 * drivers do them.
 */
export interface SafetyDriver {
  privacy(as: Session): Promise<Outcome>;
  /** A new role and/or an admin's rights (PATCH of the participant). */
  setRights(
    as: Session,
    conversationId: string,
    userId: string,
    body: { role?: string; rights?: string[] },
  ): Promise<Outcome>;
  setPrivacy(as: Session, patch: Json): Promise<Outcome>;
  ban(
    as: Session,
    conversationId: string,
    userId: string,
    body?: { until?: string | null; reason?: string },
  ): Promise<Outcome>;
  unban(as: Session, conversationId: string, userId: string): Promise<Outcome>;
  listBans(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  restrict(
    as: Session,
    conversationId: string,
    userId: string,
    body: { deny: string[]; until?: string | null },
  ): Promise<Outcome>;
}

/** Over REST. */
export function httpSafety(call: RestCall): SafetyDriver {
  const at = (c: string, u: string) => `/conversations/${c}/bans/${u}`;
  return {
    privacy: (s) => call(s, 'GET', '/privacy'),
    setRights: (s, c, u, body) => call(s, 'PATCH', `/conversations/${c}/participants/${u}`, body),
    setPrivacy: (s, patch) => call(s, 'PATCH', '/privacy', patch),
    ban: (s, c, u, body = {}) => call(s, 'PUT', at(c, u), body),
    unban: (s, c, u) => call(s, 'DELETE', at(c, u)),
    listBans: async (s, c) => {
      const r = await call(s, 'GET', `/conversations/${c}/bans`);
      return r.ok ? { ok: true, value: r.value.data } : r;
    },
    restrict: (s, c, u, body) => call(s, 'PUT', `/conversations/${c}/participants/${u}/restrictions`, body),
  };
}

/** Through the core use cases in process. */
export function inProcessSafety(as: RunAs, core: () => Parley): SafetyDriver {
  const conversations = () => core().conversations;
  return {
    privacy: (s) => as(s, (a) => core().identity.getPrivacy.execute({ actorId: a })),
    setRights: (s, c, u, body) =>
      as(s, (a) =>
        conversations().changeParticipantRole.execute({ actorId: a, conversationId: c, userId: u, ...body }),
      ),
    setPrivacy: (s, patch) => as(s, (a) => core().identity.updatePrivacy.execute({ actorId: a, patch })),
    ban: (s, c, u, body = {}) =>
      as(s, (a) => conversations().banParticipant.execute({ actorId: a, conversationId: c, userId: u, ...body })),
    unban: (s, c, u) =>
      as(s, (a) => conversations().unbanParticipant.execute({ actorId: a, conversationId: c, userId: u })),
    listBans: async (s, c) => {
      const r = await as(s, (a) => conversations().listBans.execute({ actorId: a, conversationId: c }));
      return r.ok ? { ok: true, value: r.value.data } : r;
    },
    restrict: (s, c, u, body) =>
      as(s, (a) => conversations().restrictParticipant.execute({ actorId: a, conversationId: c, userId: u, ...body })),
  };
}
