import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
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
import { ModerateConversation } from './use-cases/moderate-conversation.use-case.js';
import { LiftEndedBans } from './use-cases/lift-ended-bans.use-case.js';
import { GetPurge, RunPurge, StartPurge } from './use-cases/purge-user-messages.use-case.js';
import { SetUserRole } from './use-cases/set-user-role.use-case.js';
import {
  AddContentFilter,
  ListContentFilters,
  RemoveContentFilter,
  TryContentFilter,
} from './use-cases/content-filters.use-case.js';

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
  DepsOf<typeof ModerateConversation> &
  DepsOf<typeof LiftEndedBans> &
  DepsOf<typeof StartPurge> &
  DepsOf<typeof GetPurge> &
  DepsOf<typeof RunPurge> &
  DepsOf<typeof SetUserRole> &
  DepsOf<typeof ListContentFilters> &
  DepsOf<typeof AddContentFilter> &
  DepsOf<typeof RemoveContentFilter> &
  DepsOf<typeof TryContentFilter>;

/**
 * The moderation module: reports, the audit log, platform roles and bans, feature flags, retention and GDPR export and
 * erasure.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const moderationUseCases = {
  removePin: (deps: ModerationDeps) => new RemovePin(deps),
  runRetention: (deps: ModerationDeps) => new RunRetention(deps),
  inspectConversations: (deps: ModerationDeps) => new InspectConversations(deps),
  exportUserMessages: (deps: ModerationDeps) => new ExportUserMessages(deps),
  reportMessage: (deps: ModerationDeps) => new ReportMessage(deps),
  listReports: (deps: ModerationDeps) => new ListReports(deps),
  resolveReport: (deps: ModerationDeps) => new ResolveReport(deps),
  setUserBan: (deps: ModerationDeps) => new SetUserBan(deps),
  moderateConversation: (deps: ModerationDeps) => new ModerateConversation(deps),
  liftEndedBans: (deps: ModerationDeps) => new LiftEndedBans(deps),
  startPurge: (deps: ModerationDeps) => new StartPurge(deps),
  getPurge: (deps: ModerationDeps) => new GetPurge(deps),
  runPurge: (deps: ModerationDeps) => new RunPurge(deps),
  setUserRole: (deps: ModerationDeps) => new SetUserRole(deps),
  listContentFilters: (deps: ModerationDeps) => new ListContentFilters(deps),
  addContentFilter: (deps: ModerationDeps) => new AddContentFilter(deps),
  removeContentFilter: (deps: ModerationDeps) => new RemoveContentFilter(deps),
  tryContentFilter: (deps: ModerationDeps) => new TryContentFilter(deps),
  moderateMessage: (deps: ModerationDeps) => new ModerateMessage(deps),
  getMessageForModeration: (deps: ModerationDeps) => new GetMessageForModeration(deps),
  getUserForModeration: (deps: ModerationDeps) => new GetUserForModeration(deps),
  listAuditLog: (deps: ModerationDeps) => new ListAuditLog(deps),
  listUsers: (deps: ModerationDeps) => new ListUsers(deps),
  getStats: (deps: ModerationDeps) => new GetStats(deps),
  listFlags: (deps: ModerationDeps) => new ListFlags(deps),
  setFlag: (deps: ModerationDeps) => new SetFlag(deps),
  exportUserData: (deps: ModerationDeps) => new ExportUserData(deps),
  eraseUser: (deps: ModerationDeps) => new EraseUser(deps),
} satisfies UseCaseRecipes<ModerationDeps>;

export function moderationModule(deps: ModerationDeps, config: CoreConfig) {
  return buildUseCases(moderationUseCases, deps, config);
}

export type ModerationModule = BuiltUseCases<typeof moderationUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const ModerationModule = Symbol.for('ModerationModule');
