import type { SafetyDriver } from './safety.js';
import type { StaffDriver } from './staff.js';
import type { ReviewDriver } from './review.js';
import type { AccountsDriver } from './accounts.js';
import type { PushDriver } from './push.js';
import type { BotsDriver } from './bots.js';
import type { WebhooksDriver } from './webhooks.js';

/**
 * What the Cucumber steps may do to Parley. Two implementations run the same scenarios: one calls the core
 * use cases in process over memory adapters, the other talks REST and WebSocket to a real server.
 * Values are plain JSON (dates as ISO strings), as a client would see them.
 */
export type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Outcome<T = Json> =
  { ok: true; value: T } | { ok: false; error: { type: string; code: string; fields?: string[] } };

/** A REST call with the session's token, as the HTTP driver's sub-drivers make it. */
export type RestCall = (
  s: Session,
  method: string,
  path: string,
  body?: Json,
  query?: Record<string, unknown>,
) => Promise<Outcome>;

/** A use case run as the session's user, as the in-process driver's sub-drivers run it. */
export type RunAs = (s: Session, run: (actorId: string, sessionId: string) => Promise<Json>) => Promise<Outcome>;

/** A page's items. */
export const dataOf = (r: Outcome): Outcome<Json[]> => (r.ok ? { ok: true, value: r.value.data } : r);

export interface Session {
  userId: string;
  accessToken: string;
  refreshToken: string;
  /** A sign-in that needs its second step has no tokens yet, only this. */
  challenge?: string;
}

export interface DriverConfig {
  adminEmails: string[];
  groupMemberLimit?: number;
  sendRate?: { limit: number; windowMs: number } | null;
  deleteWindowMs?: number;
  requireEmailVerification?: boolean;
}

export interface Ticket {
  id: string;
  uploadUrl: string;
  method: string;
  headers: Record<string, string>;
}

export interface ChatDriver {
  /** Bans and member restrictions in groups and channels. */
  readonly safety: SafetyDriver;
  /** What moderators and admins do. */
  readonly staff: StaffDriver;
  /** Word and link filters, and the review of the messages they hold. */
  readonly review: ReviewDriver;
  /** Sessions and devices. */
  readonly accounts: AccountsDriver;
  /** Devices registered for push, and the pushes they got. */
  readonly push: PushDriver;
  /** Bot accounts, and what a bot hears and says through the Bot API. */
  readonly bots: BotsDriver;
  /** Integration webhooks (admins), and a delivery round. */
  readonly webhooks: WebhooksDriver;
  start(config: DriverConfig): Promise<void>;
  stop(): Promise<void>;
  /** Moves the server's clock forward. */
  advanceTime(ms: number): Promise<void>;

  register(input: {
    email: string;
    username: string;
    password: string;
    displayName?: string;
  }): Promise<Outcome<Session>>;
  login(login: string, password: string): Promise<Outcome<Session>>;
  refresh(refreshToken: string): Promise<Outcome<Session>>;
  logout(as: Session): Promise<Outcome>;
  changePassword(as: Session, currentPassword: string, newPassword: string): Promise<Outcome>;
  me(as: Session): Promise<Outcome>;
  getUser(as: Session, userId: string): Promise<Outcome>;
  updateProfile(as: Session, userId: string, patch: Json): Promise<Outcome>;
  searchUsers(as: Session, q: string): Promise<Outcome<Json[]>>;
  blockUser(as: Session, userId: string): Promise<Outcome>;
  unblockUser(as: Session, userId: string): Promise<Outcome>;
  listBlocks(as: Session): Promise<Outcome<Json[]>>;

  createConversation(as: Session, body: Json): Promise<Outcome>;
  getConversation(as: Session, conversationId: string): Promise<Outcome>;
  listConversations(as: Session): Promise<Outcome<Json[]>>;
  updateConversation(as: Session, conversationId: string, patch: Json): Promise<Outcome>;
  deleteConversation(as: Session, conversationId: string): Promise<Outcome>;
  leaveConversation(as: Session, conversationId: string): Promise<Outcome>;
  searchPublicConversations(as: Session, q: string): Promise<Outcome<Json[]>>;
  findPublicConversation(as: Session, username: string): Promise<Outcome>;
  joinConversation(as: Session, conversationId: string): Promise<Outcome>;
  addParticipant(as: Session, conversationId: string, userId: string, role?: string): Promise<Outcome>;
  addParticipants(as: Session, conversationId: string, userIds: string[]): Promise<Outcome>;
  removeParticipant(as: Session, conversationId: string, userId: string): Promise<Outcome>;
  changeRole(as: Session, conversationId: string, userId: string, role: string): Promise<Outcome>;
  listParticipants(as: Session, conversationId: string): Promise<Outcome<Json[]>>;

  sendMessage(as: Session, conversationId: string, body: Json): Promise<Outcome<Json> & { created?: boolean }>;
  listMessages(
    as: Session,
    conversationId: string,
    query: { before?: number; after?: number; limit?: number },
  ): Promise<Outcome<{ data: Json[]; nextCursor: string | null }>>;
  getMessage(as: Session, conversationId: string, messageId: string): Promise<Outcome>;
  editMessage(as: Session, conversationId: string, messageId: string, content: string): Promise<Outcome>;
  scheduleMessage(as: Session, conversationId: string, body: Json): Promise<Outcome>;
  listScheduled(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  editScheduled(as: Session, conversationId: string, id: string, patch: Json): Promise<Outcome>;
  cancelScheduled(as: Session, conversationId: string, id: string): Promise<Outcome>;
  listThread(
    as: Session,
    conversationId: string,
    messageId: string,
    query: { before?: number; after?: number; cursor?: string; limit?: number },
  ): Promise<Outcome>;
  messageVersions(as: Session, conversationId: string, messageId: string): Promise<Outcome<Json[]>>;
  deleteMessage(as: Session, conversationId: string, messageId: string, scope: 'me' | 'everyone'): Promise<Outcome>;
  /** `created`: false when a retry (the same clientMessageId) found the copy stored before. */
  forwardMessage(
    as: Session,
    messageId: string,
    toConversationId: string,
    clientMessageId?: string,
  ): Promise<Outcome & { created?: boolean }>;
  /** Several messages at once, in order; the value is the copies, in that order. */
  forwardMessages(
    as: Session,
    messageIds: string[],
    toConversationId: string,
    clientMessageId?: string,
  ): Promise<Outcome<Json[]> & { created?: boolean }>;
  react(as: Session, messageId: string, emoji: string): Promise<Outcome>;
  unreact(as: Session, messageId: string, emoji: string): Promise<Outcome>;
  vote(as: Session, messageId: string, optionIds: string[] | null): Promise<Outcome>;
  pollResults(as: Session, messageId: string): Promise<Outcome>;
  closePoll(as: Session, messageId: string): Promise<Outcome>;
  recordViews(as: Session, conversationId: string, messageIds: string[]): Promise<Outcome>;
  viewCounts(as: Session, conversationId: string, messageIds: string[]): Promise<Outcome<Json[]>>;
  pin(as: Session, conversationId: string, messageId: string): Promise<Outcome>;
  unpin(as: Session, conversationId: string, messageId: string): Promise<Outcome>;
  listPins(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  /** A moderator's view of any conversation's pins, and unpinning with a reason. */
  moderatorListPins(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  moderatorRemovePin(as: Session, conversationId: string, messageId: string, reason: string): Promise<Outcome>;
  createInvite(as: Session, conversationId: string, body: Json): Promise<Outcome>;
  listInvites(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  revokeInvite(as: Session, conversationId: string, code: string): Promise<Outcome>;
  inviteUses(as: Session, conversationId: string, code: string): Promise<Outcome<Json[]>>;
  previewInvite(as: Session, code: string): Promise<Outcome>;
  joinByInvite(as: Session, code: string): Promise<Outcome>;
  joinRequests(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  decideJoinRequest(as: Session, conversationId: string, userId: string, approve: boolean): Promise<Outcome>;
  moderatorListInvites(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  moderatorRevokeInvite(as: Session, conversationId: string, code: string, reason: string): Promise<Outcome>;
  markRead(as: Session, messageId: string): Promise<Outcome>;
  receipts(as: Session, messageId: string): Promise<Outcome>;

  mute(as: Session, conversationId: string, until: string | null): Promise<Outcome>;
  setTyping(as: Session, conversationId: string, typing: boolean): Promise<Outcome>;
  listTyping(as: Session, conversationId: string): Promise<Outcome<Json[]>>;
  /** Opens a realtime connection for the user; returns a handle to close it. */
  connect(as: Session): Promise<string>;
  disconnect(connection: string): Promise<void>;
  /** Realtime events the user's connections received so far (conversation and ephemeral events). */
  received(as: Session): Promise<Json[]>;
  setAway(as: Session, away: boolean): Promise<Outcome>;
  presence(as: Session, userIds: string[]): Promise<Outcome<Json[]>>;

  events(
    as: Session,
    conversationId: string,
    after: number,
    limit?: number,
  ): Promise<Outcome<{ events: Json[]; lastEventSeq: number; hasMore: boolean }>>;
  sync(as: Session, token?: string): Promise<Outcome<{ changes: Json[]; syncToken: string }>>;

  requestUpload(as: Session, body: Json): Promise<Outcome<Ticket>>;
  upload(ticket: Ticket, bytes: Uint8Array): Promise<Outcome>;
  confirmUpload(as: Session, mediaId: string): Promise<Outcome>;
  getMedia(as: Session, mediaId: string): Promise<Outcome>;

  /** Notifications (push / e-mail) sent to the user so far, oldest first (they go out from jobs: poll). */
  notifications(as: Session): Promise<Json[]>;
  searchMessages(as: Session, q: string, conversationId?: string): Promise<Outcome<Json[]>>;

  report(as: Session, messageId: string, reason: string): Promise<Outcome>;
  listFlags(as: Session): Promise<Outcome<Json[]>>;
  /** The account holder's own GDPR export / erasure: re-authenticated with the password. */
  exportOwnData(as: Session, password: string): Promise<Outcome>;
  eraseOwnAccount(as: Session, password: string): Promise<Outcome>;
}
