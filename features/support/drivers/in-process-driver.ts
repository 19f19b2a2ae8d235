import {
  conversationTopic,
  notifyFacts,
  mayDeliver,
  peerSignalFrom,
  createParley,
  DEFAULT_CONFIG,
  presenceTopic,
  userTopic,
  type DomainError,
  type Ports,
  type RealtimeEvent,
  type Result,
  type Unsubscribe,
  type Parley,
} from '@parley/core';
import { createSystemPorts } from '@parley/adapter-node-system';
import {
  createMemoryPorts,
  type InMemoryBlobStore,
  type LogAccountMailer,
  type LogNotificationSender,
  type LogPushSender,
} from '@parley/adapter-memory';
import { JimpImageProcessor } from '@parley/adapter-jimp';
import type { ChatDriver, DriverConfig, Json, Outcome, Session, Ticket } from './driver.js';
import { inProcessSafety } from './safety.js';
import { inProcessStaff } from './staff.js';
import { inProcessReview } from './review.js';
import { inProcessAccounts, toSession } from './accounts.js';
import { inProcessPush } from './push.js';
import { inProcessBots } from './bots.js';
import { inProcessWebhooks } from './webhooks.js';

/** Real time plus whatever the scenario fast-forwarded, so events keep their natural order. */
class OffsetClock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

const plain = <T>(value: T): Json => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

function outcome<T>(result: Result<T, DomainError>): Outcome {
  if (result.ok) return { ok: true, value: plain(result.value) };
  const fields = result.error.type === 'ValidationFailed' ? result.error.details.map((d) => d.field) : undefined;
  return { ok: false, error: { type: result.error.type, code: result.error.code, ...(fields ? { fields } : {}) } };
}

interface Connection {
  userId: string;
  unsubscribes: Unsubscribe[];
  topics: Set<string>;
}

/** Calls the core use cases directly over memory adapters, authenticating each call with its access token. */
export class InProcessDriver implements ChatDriver {
  private clock = new OffsetClock();
  private ports!: Ports & { blobs: InMemoryBlobStore; notifier: LogNotificationSender };
  private core!: Parley;
  private readonly connections = new Map<string, Connection>();
  private readonly inbox = new Map<string, Json[]>();
  private connectionCount = 0;
  private typingSweep: ReturnType<typeof setInterval> | undefined;
  readonly staff = inProcessStaff(
    (s, run) => this.as(s, run),
    () => this.core,
  );
  readonly safety = inProcessSafety(
    (s, run) => this.as(s, run),
    () => this.core,
  );
  readonly review = inProcessReview(
    (s, run) => this.as(s, run),
    () => this.core,
  );
  readonly accounts = inProcessAccounts(
    (s, run) => this.as(s, run),
    () => this.core,
    outcome,
    () => (this.ports.accountMailer as LogAccountMailer).sent,
    () => this.clock.now(),
  );
  readonly push = inProcessPush(
    (s, run) => this.as(s, run),
    () => this.core,
    () => (this.ports.push as LogPushSender).sent,
  );
  readonly bots = inProcessBots(
    (s, run) => this.as(s, run),
    () => this.core,
    outcome,
  );
  readonly webhooks = inProcessWebhooks(
    (s, run) => this.as(s, run),
    () => this.core,
  );

  async start(config: DriverConfig): Promise<void> {
    this.ports = createMemoryPorts({
      ...createSystemPorts({ clock: this.clock, logLevel: 'silent' }),
      images: new JimpImageProcessor(),
      blobs: { baseUrl: 'http://parley.test/blobs' },
    });
    this.core = createParley(this.ports, {
      adminEmails: config.adminEmails,
      defaultGroupMemberLimit: config.groupMemberLimit ?? DEFAULT_CONFIG.defaultGroupMemberLimit,
      sendRate: config.sendRate === undefined ? null : config.sendRate,
      deleteForEveryoneWindowMs: config.deleteWindowMs ?? DEFAULT_CONFIG.deleteForEveryoneWindowMs,
      requireEmailVerification: config.requireEmailVerification ?? false,
      // Webhooks to the scenarios' receivers on this machine; a failed one is tried again a second later.
      botWebhooks: { allowHttp: true, allowPrivateHosts: true },
      webhooks: { retryDelaysMs: [1000], pauseAfterFailures: 3 },
    });
    // As in the embedded API, the process that queues jobs also runs their handlers.
    // As in the API, sweeps announce typing that ran out, send scheduled messages whose time came and lift ended bans.
    this.typingSweep = setInterval(() => {
      void this.core.delivery.expireTyping.execute();
      void this.core.messaging.deliverScheduledMessages.execute();
      void this.core.moderation.liftEndedBans.execute();
    }, 250);
    await this.ports.jobs.consume('notify.message', async (job) => {
      const facts = notifyFacts(job.payload) ?? { messageId: String(job.payload.messageId) };
      const result = await this.core.delivery.notifyMessage.execute(facts);
      return result.ok ? result.value : 'dead';
    });
    await this.ports.jobs.consume('moderation.purge', async (job) => {
      const result = await this.core.moderation.runPurge.execute({ purgeId: String(job.payload.purgeId) });
      return result.ok ? result.value : 'dead';
    });
    await this.ports.jobs.consume('media.process', async (job) => {
      const result = await this.core.media.processMedia.execute({ mediaId: String(job.payload.mediaId) });
      return result.ok ? result.value : 'dead';
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.typingSweep);
    for (const id of [...this.connections.keys()]) await this.disconnect(id);
    await this.ports.jobs.close();
  }

  async advanceTime(ms: number): Promise<void> {
    this.clock.advance(ms);
  }

  private async as<T>(
    session: Session,
    run: (actorId: string, sessionId: string) => Promise<Result<T, DomainError>>,
  ): Promise<Outcome> {
    const principal = await this.core.identity.authenticate.execute(session.accessToken);
    if (!principal.ok) return outcome(principal);
    return outcome(await run(principal.value.user.id, principal.value.sessionId));
  }

  async register(input: Json) {
    return toSession(outcome(await this.core.identity.registerUser.execute(input)));
  }
  async login(login: string, password: string) {
    return toSession(outcome(await this.core.identity.logIn.execute({ login, password })));
  }
  async refresh(refreshToken: string) {
    return toSession(outcome(await this.core.identity.refreshSession.execute({ refreshToken })));
  }
  logout(s: Session) {
    return this.as(s, (_a, sessionId) => this.core.identity.logOut.execute({ sessionId }));
  }
  changePassword(s: Session, currentPassword: string, newPassword: string) {
    return this.as(s, (actorId, sessionId) =>
      this.core.identity.changePassword.execute({ actorId, sessionId, currentPassword, newPassword }),
    );
  }
  me(s: Session) {
    return this.as(s, (a) => this.core.identity.getUser.execute({ actorId: a, userId: a }));
  }
  getUser(s: Session, userId: string) {
    return this.as(s, (a) => this.core.identity.getUser.execute({ actorId: a, userId }));
  }
  updateProfile(s: Session, userId: string, patch: Json) {
    return this.as(s, (a) => this.core.identity.updateProfile.execute({ ...patch, actorId: a, userId }));
  }
  searchUsers(s: Session, q: string) {
    return this.as(s, (a) => this.core.identity.searchUsers.execute({ actorId: a, q }));
  }
  blockUser(s: Session, userId: string) {
    return this.as(s, (a) => this.core.identity.blockUser.execute({ actorId: a, userId }));
  }
  unblockUser(s: Session, userId: string) {
    return this.as(s, (a) => this.core.identity.unblockUser.execute({ actorId: a, userId }));
  }
  listBlocks(s: Session) {
    return this.as(s, (a) => this.core.identity.listBlockedUsers.execute({ actorId: a })) as Promise<Outcome<Json[]>>;
  }

  createConversation(s: Session, body: Json) {
    return this.as(s, async (a) => {
      const r = await this.core.conversations.createConversation.execute({ ...body, actorId: a });
      return r.ok ? { ok: true as const, value: r.value.conversation } : r;
    });
  }
  getConversation(s: Session, id: string) {
    return this.as(s, (a) => this.core.conversations.getConversation.execute({ actorId: a, conversationId: id }));
  }
  listConversations(s: Session) {
    return this.page(s, (a) => this.core.conversations.listConversations.execute({ actorId: a }));
  }
  updateConversation(s: Session, id: string, patch: Json) {
    return this.as(s, (a) =>
      this.core.conversations.updateConversation.execute({ ...patch, actorId: a, conversationId: id }),
    );
  }
  deleteConversation(s: Session, id: string) {
    return this.as(s, (a) => this.core.conversations.deleteConversation.execute({ actorId: a, conversationId: id }));
  }
  leaveConversation(s: Session, id: string) {
    return this.as(s, (a) => this.core.conversations.leaveConversation.execute({ actorId: a, conversationId: id }));
  }
  searchPublicConversations(s: Session, q: string) {
    return this.page(s, (a) => this.core.conversations.searchPublicConversations.execute({ actorId: a, q }));
  }
  findPublicConversation(s: Session, username: string) {
    return this.as(s, (a) => this.core.conversations.findPublicConversation.execute({ actorId: a, username }));
  }
  joinConversation(s: Session, cid: string) {
    return this.as(s, (a) => this.core.conversations.joinConversation.execute({ actorId: a, conversationId: cid }));
  }
  addParticipants(s: Session, cid: string, userIds: string[]) {
    return this.as(s, (a) =>
      this.core.conversations.addParticipants.execute({ actorId: a, conversationId: cid, userIds }),
    );
  }
  addParticipant(s: Session, cid: string, userId: string, role?: string) {
    return this.as(s, (a) =>
      this.core.conversations.addParticipant.execute({ actorId: a, conversationId: cid, userId, role }),
    );
  }
  removeParticipant(s: Session, cid: string, userId: string) {
    return this.as(s, (a) =>
      this.core.conversations.removeParticipant.execute({ actorId: a, conversationId: cid, userId }),
    );
  }
  changeRole(s: Session, cid: string, userId: string, role: string) {
    return this.as(s, (a) =>
      this.core.conversations.changeParticipantRole.execute({ actorId: a, conversationId: cid, userId, role }),
    );
  }
  listParticipants(s: Session, cid: string) {
    return this.page(s, (a) => this.core.conversations.listParticipants.execute({ actorId: a, conversationId: cid }));
  }

  async sendMessage(s: Session, cid: string, body: Json) {
    let created: boolean | undefined;
    const result = await this.as(s, async (a) => {
      const r = await this.core.messaging.sendMessage.execute({ ...body, actorId: a, conversationId: cid });
      if (!r.ok) return r;
      created = r.value.created;
      return { ok: true as const, value: 'held' in r.value ? r.value.held : r.value.message };
    });
    return { ...result, created };
  }
  listMessages(s: Session, cid: string, query: Json) {
    return this.as(s, (a) =>
      this.core.messaging.listMessages.execute({ ...query, actorId: a, conversationId: cid }),
    ) as Promise<Outcome<{ data: Json[]; nextCursor: string | null }>>;
  }
  getMessage(s: Session, cid: string, mid: string) {
    return this.as(s, (a) =>
      this.core.messaging.getMessage.execute({ actorId: a, conversationId: cid, messageId: mid }),
    );
  }
  editMessage(s: Session, cid: string, mid: string, content: string) {
    return this.as(s, (a) =>
      this.core.messaging.editMessage.execute({ actorId: a, conversationId: cid, messageId: mid, content }),
    );
  }
  scheduleMessage(s: Session, cid: string, body: Json) {
    return this.as(s, (a) => this.core.messaging.scheduleMessage.execute({ ...body, actorId: a, conversationId: cid }));
  }
  listScheduled(s: Session, cid: string) {
    return this.as(s, (a) => this.core.messaging.listScheduledMessages.execute({ actorId: a, conversationId: cid }));
  }
  editScheduled(s: Session, cid: string, id: string, patch: Json) {
    return this.as(s, (a) =>
      this.core.messaging.editScheduledMessage.execute({ ...patch, actorId: a, conversationId: cid, id }),
    );
  }
  cancelScheduled(s: Session, cid: string, id: string) {
    return this.as(s, (a) =>
      this.core.messaging.cancelScheduledMessage.execute({ actorId: a, conversationId: cid, id }),
    );
  }
  listThread(s: Session, cid: string, mid: string, query: Json) {
    return this.as(s, (a) =>
      this.core.messaging.listThread.execute({ ...query, actorId: a, conversationId: cid, messageId: mid }),
    );
  }
  messageVersions(s: Session, cid: string, mid: string) {
    return this.as(s, (a) =>
      this.core.messaging.listMessageVersions.execute({ actorId: a, conversationId: cid, messageId: mid }),
    );
  }
  deleteMessage(s: Session, cid: string, mid: string, scope: 'me' | 'everyone') {
    return this.as(s, (a) =>
      this.core.messaging.deleteMessage.execute({ actorId: a, conversationId: cid, messageId: mid, for: scope }),
    );
  }
  async forwardMessage(s: Session, mid: string, to: string, clientMessageId?: string) {
    let created: boolean | undefined;
    const result = await this.as(s, async (a) => {
      const r = await this.core.messaging.forwardMessage.execute({
        actorId: a,
        messageId: mid,
        toConversationId: to,
        clientMessageId: clientMessageId ?? null,
      });
      if (!r.ok) return r;
      created = r.value.created;
      return { ok: true as const, value: r.value.message };
    });
    return { ...result, created };
  }
  async forwardMessages(s: Session, messageIds: string[], to: string, clientMessageId?: string) {
    let created: boolean | undefined;
    const result = await this.as(s, async (a) => {
      const r = await this.core.messaging.forwardMessages.execute({
        actorId: a,
        messageIds,
        toConversationId: to,
        clientMessageId: clientMessageId ?? null,
      });
      if (!r.ok) return r;
      created = r.value.created;
      return { ok: true as const, value: r.value.messages };
    });
    return { ...(result as Outcome<Json[]>), created };
  }
  vote(s: Session, mid: string, optionIds: string[] | null) {
    return this.as(s, (a) => this.core.messaging.voteInPoll.execute({ actorId: a, messageId: mid, optionIds }));
  }
  pollResults(s: Session, mid: string) {
    return this.as(s, (a) => this.core.messaging.getPollResults.execute({ actorId: a, messageId: mid }));
  }
  closePoll(s: Session, mid: string) {
    return this.as(s, (a) => this.core.messaging.closePoll.execute({ actorId: a, messageId: mid }));
  }
  recordViews(s: Session, cid: string, messageIds: string[]) {
    return this.as(s, (a) => this.core.messaging.recordViews.execute({ actorId: a, conversationId: cid, messageIds }));
  }
  viewCounts(s: Session, cid: string, messageIds: string[]) {
    return this.as(s, (a) =>
      this.core.messaging.getViewCounts.execute({ actorId: a, conversationId: cid, messageIds }),
    );
  }
  pin(s: Session, cid: string, mid: string) {
    return this.as(s, (a) =>
      this.core.messaging.pinMessage.execute({ actorId: a, conversationId: cid, messageId: mid, pinned: true }),
    );
  }
  unpin(s: Session, cid: string, mid: string) {
    return this.as(s, (a) =>
      this.core.messaging.pinMessage.execute({ actorId: a, conversationId: cid, messageId: mid, pinned: false }),
    );
  }
  listPins(s: Session, cid: string) {
    return this.as(s, (a) => this.core.messaging.listPins.execute({ actorId: a, conversationId: cid }));
  }
  moderatorListPins(s: Session, cid: string) {
    return this.as(s, (a) => this.core.messaging.listPins.execute({ actorId: a, conversationId: cid, asStaff: true }));
  }
  moderatorRemovePin(s: Session, cid: string, mid: string, reason: string) {
    return this.as(s, (a) =>
      this.core.moderation.removePin.execute({ actorId: a, conversationId: cid, messageId: mid, reason }),
    );
  }
  createInvite(s: Session, cid: string, body: Json) {
    return this.as(s, (a) =>
      this.core.conversations.createInvite.execute({ ...body, actorId: a, conversationId: cid }),
    );
  }
  listInvites(s: Session, cid: string) {
    return this.as(s, (a) => this.core.conversations.listInvites.execute({ actorId: a, conversationId: cid }));
  }
  revokeInvite(s: Session, cid: string, code: string) {
    return this.as(s, (a) => this.core.conversations.revokeInvite.execute({ actorId: a, conversationId: cid, code }));
  }
  inviteUses(s: Session, cid: string, code: string) {
    return this.as(s, (a) => this.core.conversations.listInviteUses.execute({ actorId: a, conversationId: cid, code }));
  }
  previewInvite(s: Session, code: string) {
    return this.as(s, (a) => this.core.conversations.previewInvite.execute({ actorId: a, code }));
  }
  joinByInvite(s: Session, code: string) {
    return this.as(s, (a) => this.core.conversations.joinByInvite.execute({ actorId: a, code }));
  }
  joinRequests(s: Session, cid: string) {
    return this.as(s, (a) => this.core.conversations.listJoinRequests.execute({ actorId: a, conversationId: cid }));
  }
  decideJoinRequest(s: Session, cid: string, userId: string, approve: boolean) {
    return this.as(s, (a) =>
      this.core.conversations.decideJoinRequest.execute({ actorId: a, conversationId: cid, userId, approve }),
    );
  }
  moderatorListInvites(s: Session, cid: string) {
    return this.as(s, (a) =>
      this.core.conversations.listInvites.execute({ actorId: a, conversationId: cid, asStaff: true }),
    );
  }
  moderatorRevokeInvite(s: Session, cid: string, code: string, reason: string) {
    return this.as(s, (a) =>
      this.core.conversations.revokeInvite.execute({ actorId: a, conversationId: cid, code, asStaff: true, reason }),
    );
  }
  react(s: Session, mid: string, emoji: string) {
    return this.as(s, (a) => this.core.messaging.reactToMessage.execute({ actorId: a, messageId: mid, emoji }));
  }
  unreact(s: Session, mid: string, emoji: string) {
    return this.as(s, (a) =>
      this.core.messaging.reactToMessage.execute({ actorId: a, messageId: mid, emoji, action: 'remove' }),
    );
  }
  markRead(s: Session, mid: string) {
    return this.as(s, (a) => this.core.messaging.markRead.execute({ actorId: a, messageId: mid }));
  }
  receipts(s: Session, mid: string) {
    return this.as(s, (a) => this.core.messaging.getReceipts.execute({ actorId: a, messageId: mid }));
  }

  mute(s: Session, cid: string, until: string | null) {
    return this.as(s, (a) =>
      this.core.conversations.muteConversation.execute({ actorId: a, conversationId: cid, until }),
    );
  }
  setTyping(s: Session, cid: string, typing: boolean) {
    return this.as(s, (a) => this.core.delivery.setTyping.execute({ actorId: a, conversationId: cid, typing }));
  }
  listTyping(s: Session, cid: string) {
    return this.as(s, (a) => this.core.delivery.listTyping.execute({ actorId: a, conversationId: cid })) as Promise<
      Outcome<Json[]>
    >;
  }

  async connect(s: Session): Promise<string> {
    const id = `conn-${++this.connectionCount}`;
    const connection: Connection = { userId: s.userId, unsubscribes: [], topics: new Set() };
    this.connections.set(id, connection);
    const access = {
      blocked: (a: string, b: string) => this.ports.blocks.between(a, b),
      user: (id: string) => this.ports.users.findById(id),
    };
    const deliver = (event: RealtimeEvent) => {
      // A peer's typing and presence pass the block and privacy checks first, as the socket gateway does (mayDeliver).
      if (peerSignalFrom(event) !== null) {
        void mayDeliver(access, event, s.userId).then((may) => (may ? store(event) : undefined));
        return;
      }
      store(event);
    };
    const store = (event: RealtimeEvent) => {
      const list = this.inbox.get(s.userId) ?? [];
      list.push(
        plain(event.kind === 'conversation' ? { ...event.event, type: event.event.payload.type } : event.event),
      );
      this.inbox.set(s.userId, list);
      if (event.kind === 'ephemeral' && event.event.type === 'conversation.joined')
        void this.follow(connection, conversationTopic(event.event.conversationId), deliver);
    };
    await this.follow(connection, userTopic(s.userId), deliver);
    for (const row of await this.ports.participants.listByUser(s.userId, { state: 'active' })) {
      await this.follow(connection, conversationTopic(row.conversationId), deliver);
      for (const peer of await this.ports.participants.listActive(row.conversationId))
        if (peer.userId !== s.userId) await this.follow(connection, presenceTopic(peer.userId), deliver);
    }
    await this.core.delivery.trackPresence.execute({ kind: 'connect', userId: s.userId, connectionId: id });
    return id;
  }

  private async follow(
    connection: Connection,
    topic: ReturnType<typeof userTopic>,
    deliver: (e: RealtimeEvent) => void,
  ): Promise<void> {
    if (connection.topics.has(topic)) return;
    connection.topics.add(topic);
    connection.unsubscribes.push(await this.ports.publisher.subscribe(topic, deliver));
  }

  async disconnect(id: string): Promise<void> {
    const connection = this.connections.get(id);
    if (!connection) return;
    this.connections.delete(id);
    for (const unsubscribe of connection.unsubscribes) await unsubscribe();
    await this.core.delivery.trackPresence.execute({ kind: 'disconnect', userId: connection.userId, connectionId: id });
  }

  async received(s: Session): Promise<Json[]> {
    return this.inbox.get(s.userId) ?? [];
  }
  setAway(s: Session, away: boolean) {
    return this.as(s, (a) => this.core.delivery.trackPresence.execute({ kind: away ? 'away' : 'back', userId: a }));
  }
  presence(s: Session, userIds: string[]) {
    return this.as(s, (a) => this.core.delivery.getPresence.execute({ actorId: a, userIds })) as Promise<
      Outcome<Json[]>
    >;
  }

  events(s: Session, cid: string, after: number, limit?: number) {
    return this.as(s, (a) =>
      this.core.delivery.getConversationEvents.execute({ actorId: a, conversationId: cid, after, limit }),
    ) as Promise<Outcome<Json>>;
  }
  sync(s: Session, token?: string) {
    return this.as(s, (a) => this.core.delivery.syncConversations.execute({ actorId: a, syncToken: token })) as Promise<
      Outcome<Json>
    >;
  }

  requestUpload(s: Session, body: Json) {
    return this.as(s, (a) => this.core.media.requestUpload.execute({ ...body, actorId: a })) as Promise<
      Outcome<Ticket>
    >;
  }
  async upload(ticket: Ticket, bytes: Uint8Array): Promise<Outcome> {
    const url = new URL(ticket.uploadUrl);
    const key = decodeURIComponent(url.pathname.replace(/^\/blobs\//, ''));
    const grant = this.ports.blobs.verify('PUT', key, Object.fromEntries(url.searchParams), this.clock.now());
    if (!grant?.size || !grant.contentType) return { ok: false, error: { type: 'Forbidden', code: 'bad_signature' } };
    if (bytes.byteLength > grant.size)
      return { ok: false, error: { type: 'PayloadTooLarge', code: 'payload_too_large' } };
    await this.ports.blobs.put(key, bytes, grant.contentType);
    return { ok: true, value: null };
  }
  confirmUpload(s: Session, mediaId: string) {
    return this.as(s, (a) => this.core.media.confirmUpload.execute({ actorId: a, mediaId }));
  }
  getMedia(s: Session, mediaId: string) {
    return this.as(s, (a) => this.core.media.getMedia.execute({ actorId: a, mediaId }));
  }

  async notifications(s: Session): Promise<Json[]> {
    return plain(this.ports.notifier.sent.filter((n) => n.userId === s.userId));
  }
  searchMessages(s: Session, q: string, cid?: string) {
    return this.page(s, (a) => this.core.messaging.searchMessages.execute({ actorId: a, q, conversationId: cid }));
  }

  report(s: Session, mid: string, reason: string) {
    return this.as(s, (a) => this.core.moderation.reportMessage.execute({ actorId: a, messageId: mid, reason }));
  }
  listFlags(s: Session) {
    return this.as(s, () => this.core.moderation.listFlags.execute()) as Promise<Outcome<Json[]>>;
  }
  exportOwnData(s: Session, password: string) {
    return this.as(s, (a) =>
      this.core.moderation.exportUserData.execute({ via: 'self', actorId: a, userId: a, password }),
    );
  }
  eraseOwnAccount(s: Session, password: string) {
    return this.as(s, (a) => this.core.moderation.eraseUser.execute({ via: 'self', actorId: a, userId: a, password }));
  }

  private async page(
    s: Session,
    run: (actorId: string) => Promise<Result<{ data: unknown[] }, DomainError>>,
  ): Promise<Outcome<Json[]>> {
    const result = await this.as(s, run);
    return result.ok ? { ok: true, value: result.value.data } : result;
  }
}
