import type { Parley } from '@parley/core';
import { dataOf, type Json, type Outcome, type RestCall, type RunAs, type Session } from './driver.js';

/** What moderators and admins do through the staff routes (or the moderation use cases), as both drivers do it. */
export interface StaffDriver {
  listReports(as: Session, status?: string): Promise<Outcome<Json[]>>;
  resolveReport(as: Session, reportId: string, resolution: string, note?: string): Promise<Outcome>;
  ban(as: Session, userId: string, reason: string): Promise<Outcome>;
  /** A platform ban until a time. */
  banUntil(as: Session, userId: string, reason: string, until: string): Promise<Outcome>;
  unban(as: Session, userId: string): Promise<Outcome>;
  setUserRole(as: Session, userId: string, role: string): Promise<Outcome>;
  /** Accounts by exact e-mail or the start of a username or name. */
  findUsers(as: Session, q: string): Promise<Outcome<Json[]>>;
  moderateDelete(as: Session, messageId: string, reason: string): Promise<Outcome>;
  moderateConversation(
    as: Session,
    conversationId: string,
    verdict: 'shut' | 'reopen' | 'delete',
    reason: string,
  ): Promise<Outcome>;
  startPurge(as: Session, userId: string, body: { reason: string; since?: string; until?: string }): Promise<Outcome>;
  purge(as: Session, purgeId: string): Promise<Outcome>;
  auditLog(as: Session, targetId?: string): Promise<Outcome<Json[]>>;
  setFlag(as: Session, name: string, enabled: boolean): Promise<Outcome>;
  listDeadJobs(as: Session, name: string): Promise<Outcome<Json[]>>;
  retryDeadJobs(as: Session, name: string): Promise<Outcome>;
  /** GDPR export / erasure through the admin routes (admins only, whoever the target). */
  exportUser(as: Session, userId: string): Promise<Outcome>;
  eraseUser(as: Session, userId: string): Promise<Outcome>;
}

/** Over REST. */
export function httpStaff(call: RestCall): StaffDriver {
  const list = async (s: Session, path: string, query?: Record<string, unknown>) =>
    dataOf(await call(s, 'GET', path, undefined, query));
  const job = (name: string) => `/admin/jobs/${encodeURIComponent(name)}/dead`;
  return {
    listReports: (s, status) => list(s, '/admin/reports', { status }),
    resolveReport: (s, rid, resolution, note) =>
      call(s, 'POST', `/admin/reports/${rid}/resolve`, { resolution, ...(note ? { note } : {}) }),
    ban: (s, u, reason) => call(s, 'POST', `/admin/users/${u}/ban`, { reason }),
    banUntil: (s, u, reason, until) => call(s, 'POST', `/admin/users/${u}/ban`, { reason, until }),
    unban: (s, u) => call(s, 'POST', `/admin/users/${u}/unban`),
    setUserRole: (s, u, role) => call(s, 'PUT', `/admin/users/${u}/role`, { role }),
    findUsers: (s, q) => list(s, '/admin/users', { q }),
    moderateDelete: (s, m, reason) => call(s, 'POST', `/admin/messages/${m}/delete`, { reason }),
    moderateConversation: (s, c, verdict, reason) =>
      call(s, 'POST', `/admin/conversations/${c}/${verdict}`, { reason }),
    startPurge: (s, u, body) => call(s, 'POST', `/admin/users/${u}/purge`, body),
    purge: (s, id) => call(s, 'GET', `/admin/purges/${id}`),
    auditLog: (s, targetId) => list(s, '/admin/audit', { targetId }),
    setFlag: (s, name, enabled) => call(s, 'PUT', `/admin/flags/${encodeURIComponent(name)}`, { enabled }),
    listDeadJobs: (s, name) => list(s, job(name)),
    retryDeadJobs: (s, name) => call(s, 'POST', `${job(name)}/retry`, {}),
    exportUser: (s, u) => call(s, 'GET', `/admin/users/${u}/export`),
    eraseUser: (s, u) => call(s, 'POST', `/admin/users/${u}/erase`),
  };
}

/** Through the core use cases in process. */
export function inProcessStaff(as: RunAs, core: () => Parley): StaffDriver {
  const moderation = () => core().moderation;
  const page = async (s: Session, run: (actorId: string) => Promise<Json>) => dataOf(await as(s, run));
  return {
    listReports: (s, status) => page(s, (a) => moderation().listReports.execute({ actorId: a, status })),
    resolveReport: (s, reportId, resolution, note) =>
      as(s, (a) => moderation().resolveReport.execute({ actorId: a, reportId, resolution, note })),
    ban: (s, userId, reason) =>
      as(s, (a) => moderation().setUserBan.execute({ actorId: a, userId, banned: true, reason })),
    banUntil: (s, userId, reason, until) =>
      as(s, (a) => moderation().setUserBan.execute({ actorId: a, userId, banned: true, reason, until })),
    unban: (s, userId) => as(s, (a) => moderation().setUserBan.execute({ actorId: a, userId, banned: false })),
    setUserRole: (s, userId, role) => as(s, (a) => moderation().setUserRole.execute({ actorId: a, userId, role })),
    findUsers: (s, q) => page(s, (a) => moderation().listUsers.execute({ actorId: a, q })),
    moderateDelete: (s, messageId, reason) =>
      as(s, (a) => moderation().moderateMessage.execute({ actorId: a, messageId, reason })),
    moderateConversation: (s, conversationId, verdict, reason) =>
      as(s, (a) => moderation().moderateConversation.execute({ actorId: a, conversationId, verdict, reason })),
    startPurge: (s, userId, body) => as(s, (a) => moderation().startPurge.execute({ actorId: a, userId, ...body })),
    purge: (s, purgeId) => as(s, (a) => moderation().getPurge.execute({ actorId: a, purgeId })),
    auditLog: (s, targetId) => page(s, (a) => moderation().listAuditLog.execute({ actorId: a, targetId })),
    setFlag: (s, name, enabled) => as(s, (a) => moderation().setFlag.execute({ actorId: a, name, enabled })),
    listDeadJobs: (s, name) => as(s, (a) => core().delivery.listDeadJobs.execute({ actorId: a, name })),
    retryDeadJobs: (s, name) => as(s, (a) => core().delivery.retryDeadJobs.execute({ actorId: a, name })),
    exportUser: (s, userId) => as(s, (a) => moderation().exportUserData.execute({ via: 'admin', actorId: a, userId })),
    eraseUser: (s, userId) => as(s, (a) => moderation().eraseUser.execute({ via: 'admin', actorId: a, userId })),
  };
}
