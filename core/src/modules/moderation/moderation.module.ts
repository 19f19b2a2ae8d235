import type { DepsOf } from '../../shared/deps.js';
import { EraseUser } from './use-cases/erase-user.use-case.js';
import { ExportUserData } from './use-cases/export-user-data.use-case.js';
import { ExportUserMessages } from './use-cases/export-user-messages.use-case.js';
import { GetMessageForModeration } from './use-cases/get-message-for-moderation.use-case.js';
import { GetStats } from './use-cases/get-stats.use-case.js';
import { GetUserForModeration } from './use-cases/get-user-for-moderation.use-case.js';
import { InspectConversations } from './use-cases/inspect-conversations.use-case.js';
import { ListAuditLog } from './use-cases/list-audit-log.use-case.js';
import { ListFlags } from './use-cases/list-flags.use-case.js';
import { ListReports } from './use-cases/list-reports.use-case.js';
import { ListUsers } from './use-cases/list-users.use-case.js';
import { ModerateMessage } from './use-cases/moderate-message.use-case.js';
import { RemovePin } from './use-cases/remove-pin.use-case.js';
import { ReportMessage } from './use-cases/report-message.use-case.js';
import { ResolveReport } from './use-cases/resolve-report.use-case.js';
import { RunRetention } from './use-cases/run-retention.use-case.js';
import { SetFlag } from './use-cases/set-flag.use-case.js';
import { SetUserBan } from './use-cases/set-user-ban.use-case.js';
import { SetUserRole } from './use-cases/set-user-role.use-case.js';

/** What the moderation use cases need: the union of the ports their constructors name, and nothing else. */
export type ModerationDeps = DepsOf<typeof EraseUser> &
  DepsOf<typeof ExportUserData> &
  DepsOf<typeof ExportUserMessages> &
  DepsOf<typeof GetMessageForModeration> &
  DepsOf<typeof GetStats> &
  DepsOf<typeof GetUserForModeration> &
  DepsOf<typeof InspectConversations> &
  DepsOf<typeof ListAuditLog> &
  DepsOf<typeof ListFlags> &
  DepsOf<typeof ListReports> &
  DepsOf<typeof ListUsers> &
  DepsOf<typeof ModerateMessage> &
  DepsOf<typeof RemovePin> &
  DepsOf<typeof ReportMessage> &
  DepsOf<typeof ResolveReport> &
  DepsOf<typeof RunRetention> &
  DepsOf<typeof SetFlag> &
  DepsOf<typeof SetUserBan> &
  DepsOf<typeof SetUserRole>;

/**
 * The moderation module: reports, the audit log, platform roles and bans, feature flags, retention and GDPR export and
 * erasure.
 * Each use case is built here, once, from the ports it names.
 */
export function moderationModule(deps: ModerationDeps) {
  return {
    removePin: new RemovePin(deps),
    runRetention: new RunRetention(deps),
    inspectConversations: new InspectConversations(deps),
    exportUserMessages: new ExportUserMessages(deps),
    reportMessage: new ReportMessage(deps),
    listReports: new ListReports(deps),
    resolveReport: new ResolveReport(deps),
    setUserBan: new SetUserBan(deps),
    setUserRole: new SetUserRole(deps),
    moderateMessage: new ModerateMessage(deps),
    getMessageForModeration: new GetMessageForModeration(deps),
    getUserForModeration: new GetUserForModeration(deps),
    listAuditLog: new ListAuditLog(deps),
    listUsers: new ListUsers(deps),
    getStats: new GetStats(deps),
    listFlags: new ListFlags(deps),
    setFlag: new SetFlag(deps),
    exportUserData: new ExportUserData(deps),
    eraseUser: new EraseUser(deps),
  };
}

export type ModerationModule = ReturnType<typeof moderationModule>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const ModerationModule = Symbol.for('ModerationModule');
