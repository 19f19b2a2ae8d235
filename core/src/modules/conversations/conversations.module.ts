import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { AddParticipant } from './use-cases/add-participant.use-case.js';
import { AddParticipants } from './use-cases/add-participants.use-case.js';
import { BanParticipant, ListBans, UnbanParticipant } from './use-cases/ban-participant.use-case.js';
import { ChangeParticipantRole } from './use-cases/change-participant-role.use-case.js';
import { CreateConversation } from './use-cases/create-conversation.use-case.js';
import { CreateInvite } from './use-cases/create-invite.use-case.js';
import { DeleteConversation } from './use-cases/delete-conversation.use-case.js';
import { GetConversation } from './use-cases/get-conversation.use-case.js';
import { JoinByInvite, PreviewInvite } from './use-cases/join-by-invite.use-case.js';
import { JoinConversation } from './use-cases/join-conversation.use-case.js';
import { DecideJoinRequest, ListJoinRequests } from './use-cases/join-requests.use-case.js';
import { LeaveConversation } from './use-cases/leave-conversation.use-case.js';
import { ListConversations } from './use-cases/list-conversations.use-case.js';
import { ListInviteUses, ListInvites } from './use-cases/list-invites.use-case.js';
import { ListParticipants } from './use-cases/list-participants.use-case.js';
import { MuteConversation, SetNotifyLevel } from './use-cases/mute-conversation.use-case.js';
import { FindPublicConversation, SearchPublicConversations } from './use-cases/public-conversations.use-case.js';
import { RemoveParticipant } from './use-cases/remove-participant.use-case.js';
import { RestrictParticipant } from './use-cases/restrict-participant.use-case.js';
import { RevokeInvite } from './use-cases/revoke-invite.use-case.js';
import { UpdateConversation } from './use-cases/update-conversation.use-case.js';

/** What the conversations use cases need: the union of the ports their constructors name, and nothing else. */
export type ConversationsDeps = DepsOf<typeof AddParticipant> &
  DepsOf<typeof AddParticipants, 1> &
  DepsOf<typeof BanParticipant> &
  DepsOf<typeof ListBans> &
  DepsOf<typeof RestrictParticipant> &
  DepsOf<typeof UnbanParticipant> &
  DepsOf<typeof ChangeParticipantRole> &
  DepsOf<typeof CreateConversation> &
  DepsOf<typeof CreateInvite> &
  DepsOf<typeof DecideJoinRequest> &
  DepsOf<typeof DeleteConversation> &
  DepsOf<typeof FindPublicConversation> &
  DepsOf<typeof GetConversation> &
  DepsOf<typeof JoinByInvite> &
  DepsOf<typeof JoinConversation> &
  DepsOf<typeof LeaveConversation> &
  DepsOf<typeof ListConversations> &
  DepsOf<typeof ListInviteUses> &
  DepsOf<typeof ListInvites> &
  DepsOf<typeof ListJoinRequests> &
  DepsOf<typeof ListParticipants> &
  DepsOf<typeof MuteConversation> &
  DepsOf<typeof SetNotifyLevel> &
  DepsOf<typeof PreviewInvite> &
  DepsOf<typeof RemoveParticipant> &
  DepsOf<typeof RevokeInvite> &
  DepsOf<typeof SearchPublicConversations> &
  DepsOf<typeof UpdateConversation>;

/**
 * The conversations module: direct chats, groups and channels, their members, invite links, join requests and public
 * usernames.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const conversationsUseCases = {
  addParticipant: (deps: ConversationsDeps) => new AddParticipant(deps),
  createConversation: (deps: ConversationsDeps, config: CoreConfig) => new CreateConversation(deps, config),
  getConversation: (deps: ConversationsDeps) => new GetConversation(deps),
  listConversations: (deps: ConversationsDeps) => new ListConversations(deps),
  updateConversation: (deps: ConversationsDeps) => new UpdateConversation(deps),
  deleteConversation: (deps: ConversationsDeps) => new DeleteConversation(deps),
  leaveConversation: (deps: ConversationsDeps) => new LeaveConversation(deps),
  searchPublicConversations: (deps: ConversationsDeps) => new SearchPublicConversations(deps),
  findPublicConversation: (deps: ConversationsDeps) => new FindPublicConversation(deps),
  joinConversation: (deps: ConversationsDeps) => new JoinConversation(deps),
  addParticipants: (deps: ConversationsDeps, _config: CoreConfig, built: { addParticipant: AddParticipant }) =>
    new AddParticipants(built.addParticipant, deps),
  removeParticipant: (deps: ConversationsDeps) => new RemoveParticipant(deps),
  changeParticipantRole: (deps: ConversationsDeps) => new ChangeParticipantRole(deps),
  listParticipants: (deps: ConversationsDeps) => new ListParticipants(deps),
  createInvite: (deps: ConversationsDeps) => new CreateInvite(deps),
  listInvites: (deps: ConversationsDeps) => new ListInvites(deps),
  listInviteUses: (deps: ConversationsDeps) => new ListInviteUses(deps),
  revokeInvite: (deps: ConversationsDeps) => new RevokeInvite(deps),
  previewInvite: (deps: ConversationsDeps) => new PreviewInvite(deps),
  joinByInvite: (deps: ConversationsDeps) => new JoinByInvite(deps),
  listJoinRequests: (deps: ConversationsDeps) => new ListJoinRequests(deps),
  decideJoinRequest: (deps: ConversationsDeps) => new DecideJoinRequest(deps),
  muteConversation: (deps: ConversationsDeps) => new MuteConversation(deps),
  setNotifyLevel: (deps: ConversationsDeps) => new SetNotifyLevel(deps),
  banParticipant: (deps: ConversationsDeps) => new BanParticipant(deps),
  unbanParticipant: (deps: ConversationsDeps) => new UnbanParticipant(deps),
  listBans: (deps: ConversationsDeps) => new ListBans(deps),
  restrictParticipant: (deps: ConversationsDeps) => new RestrictParticipant(deps),
} satisfies UseCaseRecipes<ConversationsDeps>;

export function conversationsModule(deps: ConversationsDeps, config: CoreConfig) {
  return buildUseCases(conversationsUseCases, deps, config);
}

export type ConversationsModule = BuiltUseCases<typeof conversationsUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const ConversationsModule = Symbol.for('ConversationsModule');
