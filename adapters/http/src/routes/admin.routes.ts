import type { UseCases } from '@parley/core';
import { schemas } from '../validation.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/** Moderation endpoints for the admin CLI; the use cases check the moderator/admin platform role. */
export function adminRoutes(uc: UseCases): RouteSpec[] {
  const tag = 'admin';
  const routes: RouteSpec[] = [
    { method: 'get', path: '/admin/users', tag, summary: 'List users (moderator)', query: schemas.adminUsers, responses: { 200: answer('Users', R.pageOf(R.AdminUser)) },
      handler: async ({ actorId, query }) => reply(await uc.listUsers.execute({ actorId, ...query })) },
    { method: 'get', path: '/admin/users/:id', tag, summary: 'Show a user with private fields (moderator)', responses: { 200: answer('The user with private fields', R.AdminUser) },
      handler: async ({ actorId, params }) => reply(await uc.getUserForModeration.execute({ actorId, userId: params.id! })) },
    { method: 'post', path: '/admin/users/:id/ban', tag, summary: 'Ban a user and revoke their sessions (moderator)', body: schemas.ban, responses: { 200: answer('The banned user', R.AdminUser) },
      handler: async ({ actorId, params, body }) => reply(await uc.setUserBan.execute({ actorId, userId: params.id!, banned: true, reason: body.reason })) },
    { method: 'post', path: '/admin/users/:id/unban', tag, summary: 'Lift a ban (moderator)', responses: { 200: answer('The user', R.AdminUser) },
      handler: async ({ actorId, params }) => reply(await uc.setUserBan.execute({ actorId, userId: params.id!, banned: false })) },
    { method: 'put', path: '/admin/users/:id/role', tag, summary: 'Set the platform role (admin)', body: schemas.setRole, responses: { 200: answer('The user with the new role', R.AdminUser) },
      handler: async ({ actorId, params, body }) => reply(await uc.setUserRole.execute({ actorId, userId: params.id!, role: body.role })) },
    { method: 'get', path: '/admin/users/:id/export', tag, summary: 'GDPR export (admin; audited); ?messages=none leaves messages to the paged endpoint', query: schemas.exportQuery, responses: { 200: answer('Export document', R.UserExport) },
      handler: async ({ actorId, params, query }) => reply(await uc.exportUserData.execute({ via: 'admin', actorId, userId: params.id!, messages: query.messages })) },
    { method: 'get', path: '/admin/users/:id/export/messages', tag, summary: "One page of a user's messages for an export (admin)", query: schemas.page, responses: { 200: answer('A page of the user\'s messages as stored', R.pageOf(R.StoredMessage)) },
      handler: async ({ actorId, params, query }) => reply(await uc.exportUserMessages.execute({ ...query, actorId, userId: params.id! })) },
    { method: 'post', path: '/admin/users/:id/erase', tag, summary: 'GDPR erasure (admin; audited)', responses: { 204: 'Erased' },
      handler: async ({ actorId, params }) => reply(await uc.eraseUser.execute({ via: 'admin', actorId, userId: params.id! }), 204) },
    { method: 'get', path: '/admin/conversations', tag, summary: 'List any conversations, deleted included (moderator)', query: schemas.adminConversations, responses: { 200: answer('Conversations as stored', R.pageOf(R.ConversationRecord)) },
      handler: async ({ actorId, query }) => reply(await uc.inspectConversations.execute({ actorId, view: 'list', ...query })) },
    { method: 'get', path: '/admin/conversations/:id', tag, summary: 'Show any conversation with its member count (moderator)', responses: { 200: answer('The conversation as stored, with its member count', R.ConversationRecord) },
      handler: async ({ actorId, params }) => reply(await uc.inspectConversations.execute({ actorId, view: 'show', conversationId: params.id! })) },
    { method: 'get', path: '/admin/conversations/:id/members', tag, summary: "List any conversation's members (moderator)", query: schemas.page, responses: { 200: answer('Members', R.pageOf(R.Participant)) },
      handler: async ({ actorId, params, query }) => reply(await uc.inspectConversations.execute({ actorId, view: 'members', conversationId: params.id!, ...query })) },
    { method: 'get', path: '/admin/conversations/:id/pins', tag, summary: "List any conversation's pins (moderator)", responses: { 200: answer('Pins', R.pageOf(R.Pin)) },
      handler: async ({ actorId, params }) => reply(await uc.listPins.execute({ actorId, conversationId: params.id!, asStaff: true }), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'post', path: '/admin/conversations/:id/pins/:messageId/remove', tag, summary: 'Unpin a message in any conversation, with a reason (moderator; audited)', body: schemas.moderate, responses: { 204: 'Unpinned' },
      handler: async ({ actorId, params, body }) => reply(await uc.removePin.execute({ actorId, conversationId: params.id!, messageId: params.messageId!, reason: body.reason }), 204) },
    { method: 'get', path: '/admin/conversations/:id/invites', tag, summary: "List any conversation's invite links (moderator)", responses: { 200: answer('Invite links', R.pageOf(R.Invite)) },
      handler: async ({ actorId, params }) => reply(await uc.listInvites.execute({ actorId, conversationId: params.id!, asStaff: true }), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'post', path: '/admin/conversations/:id/invites/:code/revoke', tag, summary: 'Revoke an invite link of any conversation, with a reason (moderator; audited)', body: schemas.moderate, responses: { 200: answer('The revoked link', R.Invite) },
      handler: async ({ actorId, params, body }) => reply(await uc.revokeInvite.execute({ actorId, conversationId: params.id!, code: params.code!, asStaff: true, reason: body.reason })) },
    { method: 'get', path: '/admin/messages/:id', tag, summary: 'Show any message as stored (moderator)', responses: { 200: answer('The message as stored', R.StoredMessage) },
      handler: async ({ actorId, params }) => reply(await uc.getMessageForModeration.execute({ actorId, messageId: params.id! })) },
    { method: 'post', path: '/admin/messages/:id/delete', tag, summary: 'Delete any message for everyone, with a reason (moderator; audited)', body: schemas.moderate, responses: { 204: 'Deleted' },
      handler: async ({ actorId, params, body }) => reply(await uc.moderateMessage.execute({ actorId, messageId: params.id!, reason: body.reason }), 204) },
    { method: 'get', path: '/admin/reports', tag, summary: 'Reports, newest first (moderator)', query: schemas.reports, responses: { 200: answer('Reports', R.pageOf(R.Report)) },
      handler: async ({ actorId, query }) => reply(await uc.listReports.execute({ actorId, ...query })) },
    { method: 'post', path: '/admin/reports/:id/resolve', tag, summary: 'Resolve a report (moderator; audited)', body: schemas.resolve, responses: { 200: answer('The resolved report', R.Report) },
      handler: async ({ actorId, params, body }) => reply(await uc.resolveReport.execute({ actorId, reportId: params.id!, ...body })) },
    { method: 'get', path: '/admin/audit', tag, summary: 'The audit log, newest first (moderator)', query: schemas.audit, responses: { 200: answer('Audit entries', R.pageOf(R.AuditEntry)) },
      handler: async ({ actorId, query }) => reply(await uc.listAuditLog.execute({ actorId, targetId: query.targetId, byActorId: query.actorId, cursor: query.cursor, limit: query.limit })) },
    { method: 'get', path: '/admin/flags', tag, summary: 'Feature flags', responses: { 200: answer('Feature flags', R.pageOf(R.FlagState)) },
      handler: async () => reply(await uc.listFlags.execute(), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'put', path: '/admin/flags/:name', tag, summary: 'Turn a feature on or off (admin; audited)', body: schemas.flag, responses: { 200: answer('The flag', R.Flag) },
      handler: async ({ actorId, params, body }) => reply(await uc.setFlag.execute({ actorId, name: params.name!, enabled: body.enabled })) },
    { method: 'get', path: '/admin/jobs/:name/dead', tag, summary: 'Dead jobs of a job name, oldest first: failed on every attempt, given up, or kept killing their worker (moderator)', query: schemas.deadJobs, responses: { 200: answer('Dead jobs', R.pageOf(R.DeadJob)) },
      handler: async ({ actorId, params, query }) => reply(await uc.listDeadJobs.execute({ actorId, name: params.name!, limit: query.limit }), 200, (data) => ({ data, nextCursor: null })) },
    { method: 'post', path: '/admin/jobs/:name/dead/retry', tag, summary: 'Run dead jobs again from attempt 1: all of the job name, or the ids given (admin; audited)', body: schemas.retryDeadJobs, responses: { 200: answer('The ids of the jobs queued again', R.RetriedJobs) },
      handler: async ({ actorId, params, body }) => reply(await uc.retryDeadJobs.execute({ actorId, name: params.name!, ids: body.ids })) },
    { method: 'get', path: '/admin/stats', tag, summary: 'Platform totals (moderator)', responses: { 200: answer('Platform totals', R.Stats) },
      handler: async ({ actorId }) => reply(await uc.getStats.execute({ actorId })) },
  ];
  return routes.map((route) => ({ ...route, staff: true }));
}
