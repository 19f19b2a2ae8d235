import type { DepsOf } from '../../shared/deps.js';
import type { CoreConfig } from '../../shared/config.js';
import { AddParticipant } from './use-cases/add-participant.use-case.js';
import { AddParticipants } from './use-cases/add-participants.use-case.js';
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
import { MuteConversation } from './use-cases/mute-conversation.use-case.js';
import { FindPublicConversation, SearchPublicConversations } from './use-cases/public-conversations.use-case.js';
import { RemoveParticipant } from './use-cases/remove-participant.use-case.js';
import { RevokeInvite } from './use-cases/revoke-invite.use-case.js';
import { UpdateConversation } from './use-cases/update-conversation.use-case.js';

/** What the conversations use cases need: the union of the ports their constructors name, and nothing else. */
export type ConversationsDeps = DepsOf<typeof AddParticipant> &
  DepsOf<typeof AddParticipants, 1> &
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
  DepsOf<typeof PreviewInvite> &
  DepsOf<typeof RemoveParticipant> &
  DepsOf<typeof RevokeInvite> &
  DepsOf<typeof SearchPublicConversations> &
  DepsOf<typeof UpdateConversation>;

/**
 * The conversations module: direct chats, groups and channels, their members, invite links, join requests and public
 * usernames.
 * Each use case is built here, once, from the ports it names.
 */
export function conversationsModule(deps: ConversationsDeps, config: CoreConfig) {
  const addParticipant = new AddParticipant(deps);
  return {
    addParticipant,
    createConversation: new CreateConversation(deps, config),
    getConversation: new GetConversation(deps),
    listConversations: new ListConversations(deps),
    updateConversation: new UpdateConversation(deps),
    deleteConversation: new DeleteConversation(deps),
    leaveConversation: new LeaveConversation(deps),
    searchPublicConversations: new SearchPublicConversations(deps),
    findPublicConversation: new FindPublicConversation(deps),
    joinConversation: new JoinConversation(deps),
    addParticipants: new AddParticipants(addParticipant, deps),
    removeParticipant: new RemoveParticipant(deps),
    changeParticipantRole: new ChangeParticipantRole(deps),
    listParticipants: new ListParticipants(deps),
    createInvite: new CreateInvite(deps),
    listInvites: new ListInvites(deps),
    listInviteUses: new ListInviteUses(deps),
    revokeInvite: new RevokeInvite(deps),
    previewInvite: new PreviewInvite(deps),
    joinByInvite: new JoinByInvite(deps),
    listJoinRequests: new ListJoinRequests(deps),
    decideJoinRequest: new DecideJoinRequest(deps),
    muteConversation: new MuteConversation(deps),
  };
}

export type ConversationsModule = ReturnType<typeof conversationsModule>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const ConversationsModule = Symbol.for('ConversationsModule');
