import { SendMessage } from './use-cases/send-message.use-case.js';
import { DEFAULT_CONFIG, type CoreConfig } from './config.js';
import type { Ports } from './ports/index.js';
import { AccessCache, type AccessCacheOptions } from './cache/access-cache.js';
import { MessageFollowUps, type FollowUpOptions } from './use-cases/shared/message-follow-ups.js';
import type { SendProbe } from './use-cases/shared/publish-message.js';

import { AddParticipant } from './use-cases/add-participant.use-case.js';
import { AddParticipants } from './use-cases/add-participants.use-case.js';
import { AuthenticateAccessToken } from './use-cases/authenticate-access-token.use-case.js';
import { ChangeParticipantRole } from './use-cases/change-participant-role.use-case.js';
import { ChangePassword } from './use-cases/change-password.use-case.js';
import { ConfirmUpload } from './use-cases/confirm-upload.use-case.js';
import { CreateConversation } from './use-cases/create-conversation.use-case.js';
import { DeleteConversation } from './use-cases/delete-conversation.use-case.js';
import { DeleteMessage } from './use-cases/delete-message.use-case.js';
import { EditMessage } from './use-cases/edit-message.use-case.js';
import { EraseUser } from './use-cases/erase-user.use-case.js';
import { ExportUserData } from './use-cases/export-user-data.use-case.js';
import { ForwardMessage } from './use-cases/forward-message.use-case.js';
import { GetConversationEvents } from './use-cases/get-conversation-events.use-case.js';
import { GetConversation } from './use-cases/get-conversation.use-case.js';
import { GetMedia } from './use-cases/get-media.use-case.js';
import { GetMessageForModeration } from './use-cases/get-message-for-moderation.use-case.js';
import { GetMessage } from './use-cases/get-message.use-case.js';
import { GetPresence } from './use-cases/get-presence.use-case.js';
import { GetReceipts } from './use-cases/get-receipts.use-case.js';
import { GetStats } from './use-cases/get-stats.use-case.js';
import { GetUser } from './use-cases/get-user.use-case.js';
import { GetUserForModeration } from './use-cases/get-user-for-moderation.use-case.js';
import { LeaveConversation } from './use-cases/leave-conversation.use-case.js';
import { ListAuditLog } from './use-cases/list-audit-log.use-case.js';
import { ListConversations } from './use-cases/list-conversations.use-case.js';
import { ListFlags } from './use-cases/list-flags.use-case.js';
import { ListDeadJobs, RetryDeadJobs } from './use-cases/dead-jobs.use-case.js';
import { ListMessages } from './use-cases/list-messages.use-case.js';
import { ListParticipants } from './use-cases/list-participants.use-case.js';
import { ListReports } from './use-cases/list-reports.use-case.js';
import { ListTyping } from './use-cases/list-typing.use-case.js';
import { ListUsers } from './use-cases/list-users.use-case.js';
import { LogIn } from './use-cases/log-in.use-case.js';
import { LogOut } from './use-cases/log-out.use-case.js';
import { MarkRead } from './use-cases/mark-read.use-case.js';
import { ModerateMessage } from './use-cases/moderate-message.use-case.js';
import { CreateInvite } from './use-cases/create-invite.use-case.js';
import { ListInvites, ListInviteUses } from './use-cases/list-invites.use-case.js';
import { RevokeInvite } from './use-cases/revoke-invite.use-case.js';
import { JoinByInvite, PreviewInvite } from './use-cases/join-by-invite.use-case.js';
import { DecideJoinRequest, ListJoinRequests } from './use-cases/join-requests.use-case.js';
import { FindPublicConversation, SearchPublicConversations } from './use-cases/public-conversations.use-case.js';
import { JoinConversation } from './use-cases/join-conversation.use-case.js';
import { ListMessageVersions } from './use-cases/list-message-versions.use-case.js';
import { ExpireTyping } from './use-cases/expire-typing.use-case.js';
import { ScheduleMessage } from './use-cases/schedule-message.use-case.js';
import { CancelScheduledMessage, EditScheduledMessage, ListScheduledMessages } from './use-cases/manage-scheduled-messages.use-case.js';
import { DeliverScheduledMessages } from './use-cases/deliver-scheduled-messages.use-case.js';
import { ClosePoll, GetPollResults, VoteInPoll } from './use-cases/vote-in-poll.use-case.js';
import { GetViewCounts, RecordViews } from './use-cases/post-views.use-case.js';
import { ListThread } from './use-cases/list-thread.use-case.js';
import { PinMessage } from './use-cases/pin-message.use-case.js';
import { ListPins } from './use-cases/list-pins.use-case.js';
import { RemovePin } from './use-cases/remove-pin.use-case.js';
import { ReactToMessage } from './use-cases/react-to-message.use-case.js';
import { RefreshSession } from './use-cases/refresh-session.use-case.js';
import { RegisterUser } from './use-cases/register-user.use-case.js';
import { RemoveParticipant } from './use-cases/remove-participant.use-case.js';
import { ProcessMedia } from './use-cases/process-media.use-case.js';
import { RelayOutbox } from './use-cases/relay-outbox.use-case.js';
import { NotifyMessage } from './use-cases/notify-message.use-case.js';
import { RunRetention } from './use-cases/run-retention.use-case.js';
import { MuteConversation } from './use-cases/mute-conversation.use-case.js';
import { InspectConversations } from './use-cases/inspect-conversations.use-case.js';
import { ExportUserMessages } from './use-cases/export-user-messages.use-case.js';
import { ReportMessage } from './use-cases/report-message.use-case.js';
import { RequestUpload } from './use-cases/request-upload.use-case.js';
import { ResolveReport } from './use-cases/resolve-report.use-case.js';
import { SearchMessages } from './use-cases/search-messages.use-case.js';
import { SearchUsers } from './use-cases/search-users.use-case.js';
import { SetFlag } from './use-cases/set-flag.use-case.js';
import { SetTyping } from './use-cases/set-typing.use-case.js';
import { SetUserBan } from './use-cases/set-user-ban.use-case.js';
import { SetUserRole } from './use-cases/set-user-role.use-case.js';
import { SyncConversations } from './use-cases/sync-conversations.use-case.js';
import { TrackPresence } from './use-cases/track-presence.use-case.js';
import { UpdateConversation } from './use-cases/update-conversation.use-case.js';
import { UpdateProfile } from './use-cases/update-profile.use-case.js';

export interface UseCaseOptions {
  accessCache?: AccessCacheOptions;
  /** How often marks may be written, and the timer of the outbox checkpoint (see MessageFollowUps). */
  followUps?: FollowUpOptions;
  /** Tests only: runs after each step of the send path, and may throw to play a crash there. */
  probe?: SendProbe;
}

/**
 * Every use case built over one set of ports: the simplest way to embed Parley. Apps with a DI container
 * bind the classes one by one instead; both build the same objects.
 */
export function createUseCases(stores: Ports, overrides: Partial<CoreConfig> = {}, options: UseCaseOptions = {}) {
  const config: CoreConfig = { ...DEFAULT_CONFIG, ...overrides };
  const access = new AccessCache(stores, options.accessCache);
  // Every write to a row the access cache holds goes through these ports, so it invalidates everywhere.
  const cached = access.wrap(stores);
  const followUps = new MessageFollowUps(cached, options.followUps);
  const ports = { ...cached, access, followUps, probe: options.probe };
  const ready = access.start();
  const addParticipant = new AddParticipant(ports);
  const sendMessage = new SendMessage(ports, config);
  return {
    /** Resolves once this process listens for other nodes' cache invalidations. */
    ready: ready.then(() => undefined),
    /** Waits for this process's message follow-ups (before shutdown, or in tests), leaves its outbox checkpoint, then stops listening. */
    close: async () => { await followUps.close(); await access.stop(); },
    followUps,
    /** Tells a listener which users and sessions changed (here or on another node): open sockets re-check. */
    watchAccess: (listener: Parameters<AccessCache['watch']>[0]) => access.watch(listener),
    registerUser: new RegisterUser(ports, config),
    logIn: new LogIn(ports),
    refreshSession: new RefreshSession(ports),
    logOut: new LogOut(ports),
    changePassword: new ChangePassword(ports),
    authenticate: new AuthenticateAccessToken(ports),
    getUser: new GetUser(ports),
    updateProfile: new UpdateProfile(ports),
    searchUsers: new SearchUsers(ports),
    trackPresence: new TrackPresence(ports, config),
    getPresence: new GetPresence(ports),
    createConversation: new CreateConversation(ports, config),
    getConversation: new GetConversation(ports),
    listConversations: new ListConversations(ports),
    updateConversation: new UpdateConversation(ports),
    deleteConversation: new DeleteConversation(ports),
    leaveConversation: new LeaveConversation(ports),
    searchPublicConversations: new SearchPublicConversations(ports),
    findPublicConversation: new FindPublicConversation(ports),
    joinConversation: new JoinConversation(ports),
    addParticipant,
    addParticipants: new AddParticipants(addParticipant, ports),
    removeParticipant: new RemoveParticipant(ports),
    changeParticipantRole: new ChangeParticipantRole(ports),
    listParticipants: new ListParticipants(ports),
    sendMessage,
    scheduleMessage: new ScheduleMessage(ports),
    listScheduledMessages: new ListScheduledMessages(ports),
    editScheduledMessage: new EditScheduledMessage(ports),
    cancelScheduledMessage: new CancelScheduledMessage(ports),
    deliverScheduledMessages: new DeliverScheduledMessages(sendMessage, ports),
    listMessages: new ListMessages(ports),
    listThread: new ListThread(ports),
    getMessage: new GetMessage(ports),
    editMessage: new EditMessage(ports),
    listMessageVersions: new ListMessageVersions(ports),
    deleteMessage: new DeleteMessage(ports, config),
    forwardMessage: new ForwardMessage(ports),
    reactToMessage: new ReactToMessage(ports),
    pinMessage: new PinMessage(ports),
    recordViews: new RecordViews(ports),
    getViewCounts: new GetViewCounts(ports),
    voteInPoll: new VoteInPoll(ports),
    getPollResults: new GetPollResults(ports),
    closePoll: new ClosePoll(ports),
    listPins: new ListPins(ports),
    removePin: new RemovePin(ports),
    createInvite: new CreateInvite(ports),
    listInvites: new ListInvites(ports),
    listInviteUses: new ListInviteUses(ports),
    revokeInvite: new RevokeInvite(ports),
    previewInvite: new PreviewInvite(ports),
    joinByInvite: new JoinByInvite(ports),
    listJoinRequests: new ListJoinRequests(ports),
    decideJoinRequest: new DecideJoinRequest(ports),
    markRead: new MarkRead(ports),
    getReceipts: new GetReceipts(ports),
    setTyping: new SetTyping(ports, config),
    listTyping: new ListTyping(ports),
    expireTyping: new ExpireTyping(ports),
    getConversationEvents: new GetConversationEvents(ports),
    syncConversations: new SyncConversations(ports),
    requestUpload: new RequestUpload(ports, config),
    confirmUpload: new ConfirmUpload(ports),
    getMedia: new GetMedia(ports, config),
    processMedia: new ProcessMedia(ports),
    relayOutbox: new RelayOutbox(ports),
    notifyMessage: new NotifyMessage(ports),
    runRetention: new RunRetention(ports),
    muteConversation: new MuteConversation(ports),
    inspectConversations: new InspectConversations(ports),
    exportUserMessages: new ExportUserMessages(ports),
    searchMessages: new SearchMessages(ports),
    reportMessage: new ReportMessage(ports),
    listReports: new ListReports(ports),
    resolveReport: new ResolveReport(ports),
    setUserBan: new SetUserBan(ports),
    setUserRole: new SetUserRole(ports),
    moderateMessage: new ModerateMessage(ports),
    getMessageForModeration: new GetMessageForModeration(ports),
    getUserForModeration: new GetUserForModeration(ports),
    listAuditLog: new ListAuditLog(ports),
    listUsers: new ListUsers(ports),
    getStats: new GetStats(ports),
    listFlags: new ListFlags(ports),
    setFlag: new SetFlag(ports),
    listDeadJobs: new ListDeadJobs(ports),
    retryDeadJobs: new RetryDeadJobs(ports),
    exportUserData: new ExportUserData(ports),
    eraseUser: new EraseUser(ports),
  };
}

export type UseCases = ReturnType<typeof createUseCases>;
