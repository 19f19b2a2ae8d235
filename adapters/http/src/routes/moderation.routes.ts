import type { ModerationModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/**
 * The moderation module's endpoints: reports, a person's own GDPR export and erasure, feature flags, and
 * the admin endpoints of the CLI (the use cases check the moderator/admin platform role).
 */
export function moderationRoutes(moderation: ModerationModule): RouteSpec[] {
  const forEveryone: RouteSpec[] = [
    {
      method: 'post',
      path: '/users/:id/export',
      tag: 'users',
      summary: 'GDPR export of everything you own; needs your password (audited; admins use /admin)',
      body: schemas.reauthenticate,
      checksPassword: true,
      responses: { 200: answer('Everything Parley holds about you', R.UserExport) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await moderation.exportUserData.execute({
            via: 'self',
            actorId,
            userId: params.id!,
            password: body.password,
          }),
        ),
    },
    {
      method: 'delete',
      path: '/users/:id',
      tag: 'users',
      summary: 'GDPR erasure of your own account; needs your password (audited; admins use /admin)',
      body: schemas.reauthenticate,
      checksPassword: true,
      responses: { 204: 'Erased' },
      handler: async ({ actorId, params, body }) =>
        reply(
          await moderation.eraseUser.execute({ via: 'self', actorId, userId: params.id!, password: body.password }),
          204,
        ),
    },
    {
      method: 'get',
      path: '/flags',
      tag: 'users',
      summary: 'Feature flags and whether each is on',
      responses: { 200: answer('Every feature flag and whether it is on', R.pageOf(R.FlagState)) },
      handler: async () => reply(await moderation.listFlags.execute(), 200, (data) => ({ data, nextCursor: null })),
    },
    {
      method: 'post',
      path: '/messages/:id/report',
      tag: 'messages',
      summary: 'Report a message to the moderators',
      body: schemas.report,
      responses: { 201: answer('The report', R.Report) },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.reportMessage.execute({ actorId, messageId: params.id!, reason: body.reason }), 201),
    },
  ];
  const tag = 'admin';
  const routes: RouteSpec[] = [
    {
      method: 'get',
      path: '/admin/users',
      tag,
      summary: 'List users, or find them by e-mail or the start of a username or name (?q=) (moderator)',
      query: schemas.adminUsers,
      responses: { 200: answer('Users', R.pageOf(R.AdminUser)) },
      handler: async ({ actorId, query }) => reply(await moderation.listUsers.execute({ actorId, ...query })),
    },
    {
      method: 'get',
      path: '/admin/users/:id',
      tag,
      summary: 'Show a user with private fields (moderator)',
      responses: { 200: answer('The user with private fields', R.AdminUser) },
      handler: async ({ actorId, params }) =>
        reply(await moderation.getUserForModeration.execute({ actorId, userId: params.id! })),
    },
    {
      method: 'post',
      path: '/admin/users/:id/ban',
      tag,
      summary: 'Ban a user, for good or until a time, and revoke their sessions (moderator; audited)',
      refusals: { 403: ['cannot_ban_self', 'insufficient_role'], 409: ['until_in_past'] },
      body: schemas.ban,
      responses: { 200: answer('The banned user', R.AdminUser) },
      handler: async ({ actorId, params, body }) =>
        reply(
          await moderation.setUserBan.execute({
            actorId,
            userId: params.id!,
            banned: true,
            reason: body.reason,
            until: body.until,
          }),
        ),
    },
    {
      method: 'post',
      path: '/admin/users/:id/unban',
      tag,
      summary: 'Lift a ban (moderator)',
      responses: { 200: answer('The user', R.AdminUser) },
      handler: async ({ actorId, params }) =>
        reply(await moderation.setUserBan.execute({ actorId, userId: params.id!, banned: false })),
    },
    {
      method: 'put',
      path: '/admin/users/:id/role',
      tag,
      summary: 'Set the platform role (admin)',
      body: schemas.setRole,
      responses: { 200: answer('The user with the new role', R.AdminUser) },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.setUserRole.execute({ actorId, userId: params.id!, role: body.role })),
    },
    {
      method: 'get',
      path: '/admin/users/:id/export',
      tag,
      summary: 'GDPR export (admin; audited); ?messages=none leaves messages to the paged endpoint',
      query: schemas.exportQuery,
      responses: { 200: answer('Export document', R.UserExport) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await moderation.exportUserData.execute({
            via: 'admin',
            actorId,
            userId: params.id!,
            messages: query.messages,
          }),
        ),
    },
    {
      method: 'get',
      path: '/admin/users/:id/export/messages',
      tag,
      summary: "One page of a user's messages for an export (admin)",
      query: schemas.page,
      responses: { 200: answer("A page of the user's messages as stored", R.pageOf(R.StoredMessage)) },
      handler: async ({ actorId, params, query }) =>
        reply(await moderation.exportUserMessages.execute({ ...query, actorId, userId: params.id! })),
    },
    {
      method: 'post',
      path: '/admin/users/:id/erase',
      tag,
      summary: 'GDPR erasure (admin; audited)',
      responses: { 204: 'Erased' },
      handler: async ({ actorId, params }) =>
        reply(await moderation.eraseUser.execute({ via: 'admin', actorId, userId: params.id! }), 204),
    },
    {
      method: 'get',
      path: '/admin/conversations',
      tag,
      summary: 'List any conversations, deleted included (moderator)',
      query: schemas.adminConversations,
      responses: { 200: answer('Conversations as stored', R.pageOf(R.ConversationRecord)) },
      handler: async ({ actorId, query }) =>
        reply(await moderation.inspectConversations.execute({ actorId, view: 'list', ...query })),
    },
    {
      method: 'get',
      path: '/admin/conversations/:id',
      tag,
      summary: 'Show any conversation with its member count (moderator)',
      responses: { 200: answer('The conversation as stored, with its member count', R.ConversationRecord) },
      handler: async ({ actorId, params }) =>
        reply(await moderation.inspectConversations.execute({ actorId, view: 'show', conversationId: params.id! })),
    },
    {
      method: 'get',
      path: '/admin/conversations/:id/members',
      tag,
      summary: "List any conversation's members (moderator)",
      query: schemas.page,
      responses: { 200: answer('Members', R.pageOf(R.Participant)) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await moderation.inspectConversations.execute({
            actorId,
            view: 'members',
            conversationId: params.id!,
            ...query,
          }),
        ),
    },
    {
      method: 'post',
      path: '/admin/conversations/:id/pins/:messageId/remove',
      tag,
      summary: 'Unpin a message in any conversation, with a reason (moderator; audited)',
      body: schemas.moderate,
      responses: { 204: 'Unpinned' },
      handler: async ({ actorId, params, body }) =>
        reply(
          await moderation.removePin.execute({
            actorId,
            conversationId: params.id!,
            messageId: params.messageId!,
            reason: body.reason,
          }),
          204,
        ),
    },
    {
      method: 'get',
      path: '/admin/messages/:id',
      tag,
      summary: 'Show any message as stored (moderator)',
      responses: { 200: answer('The message as stored', R.StoredMessage) },
      handler: async ({ actorId, params }) =>
        reply(await moderation.getMessageForModeration.execute({ actorId, messageId: params.id! })),
    },
    {
      method: 'post',
      path: '/admin/messages/:id/delete',
      tag,
      summary: 'Delete any message for everyone, with a reason (moderator; audited)',
      body: schemas.moderate,
      responses: { 204: 'Deleted' },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.moderateMessage.execute({ actorId, messageId: params.id!, reason: body.reason }), 204),
    },
    {
      method: 'get',
      path: '/admin/reports',
      tag,
      summary: 'Reports, newest first (moderator)',
      query: schemas.reports,
      responses: { 200: answer('Reports', R.pageOf(R.Report)) },
      handler: async ({ actorId, query }) => reply(await moderation.listReports.execute({ actorId, ...query })),
    },
    {
      method: 'post',
      path: '/admin/reports/:id/resolve',
      tag,
      summary: 'Resolve a report (moderator; audited)',
      body: schemas.resolve,
      responses: { 200: answer('The resolved report', R.Report) },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.resolveReport.execute({ actorId, reportId: params.id!, ...body })),
    },
    {
      method: 'get',
      path: '/admin/audit',
      tag,
      summary: 'The audit log, newest first (moderator)',
      query: schemas.audit,
      responses: { 200: answer('Audit entries', R.pageOf(R.AuditEntry)) },
      handler: async ({ actorId, query }) =>
        reply(
          await moderation.listAuditLog.execute({
            actorId,
            targetId: query.targetId,
            byActorId: query.actorId,
            cursor: query.cursor,
            limit: query.limit,
          }),
        ),
    },
    {
      method: 'get',
      path: '/admin/flags',
      tag,
      summary: 'Feature flags',
      responses: { 200: answer('Feature flags', R.pageOf(R.FlagState)) },
      handler: async () => reply(await moderation.listFlags.execute(), 200, (data) => ({ data, nextCursor: null })),
    },
    {
      method: 'put',
      path: '/admin/flags/:name',
      tag,
      summary: 'Turn a feature on or off (admin; audited)',
      body: schemas.flag,
      responses: { 200: answer('The flag', R.Flag) },
      handler: async ({ actorId, params, body }) =>
        reply(await moderation.setFlag.execute({ actorId, name: params.name!, enabled: body.enabled })),
    },
    {
      method: 'get',
      path: '/admin/stats',
      tag,
      summary: 'Platform totals (moderator)',
      responses: { 200: answer('Platform totals', R.Stats) },
      handler: async ({ actorId }) => reply(await moderation.getStats.execute({ actorId })),
    },
  ];
  return [...forEveryone, ...routes.map((route) => ({ ...route, staff: true }))];
}
