import { createServer } from 'node:net';
import { ParleyClient } from '@parley/client';
import { AccountMailer, NotificationSender, PushSender } from '@parley/core';
import type { LogAccountMailer, LogNotificationSender, LogPushSender } from '@parley/adapter-memory';
import WebSocket from 'ws';
import { loadConfig, startApi, type RunningApi } from '@parley/api';
import { ResponseConformance } from '@parley/adapter-http/testkit';
import type { ChatDriver, DriverConfig, Json, Outcome, Session, Ticket } from './driver.js';
import { httpSafety } from './safety.js';
import { httpStaff } from './staff.js';
import { httpReview } from './review.js';
import { httpAccounts, toSession } from './accounts.js';
import { httpPush } from './push.js';
import { httpBots } from './bots.js';
import { httpWebhooks } from './webhooks.js';
import { realServices, type Isolation } from './real-services.js';

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'ValidationFailed',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'ValidationFailed',
  415: 'ValidationFailed',
  422: 'ValidationFailed',
  429: 'RateLimited',
};

class OffsetClock {
  private offset = 0;
  now(): Date {
    return new Date(Date.now() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

interface Socket {
  userId: string;
  ws: WebSocket;
}

/** Talks to a real API server started in this process on a free port: REST with fetch, realtime over ws. */
export class HttpDriver implements ChatDriver {
  private conformance: ResponseConformance | undefined;
  private client: ParleyClient | undefined;
  readonly staff = httpStaff((s, method, path, body, query) => this.as(s, method, path, body, query));
  readonly safety = httpSafety((s, method, path, body) => this.as(s, method, path, body));
  readonly review = httpReview((s, method, path, body, query) => this.as(s, method, path, body, query));
  readonly accounts = httpAccounts(
    (s, method, path, body, query) => this.as(s, method, path, body, query),
    // What the server this driver started e-mailed: its account mailer is the embedded one, which keeps them.
    () => this.api.container.get<LogAccountMailer>(AccountMailer).sent,
    () => this.clock.now(),
  );
  readonly push = httpPush(
    (s, method, path, body) => this.as(s, method, path, body),
    // What the server this driver started pushed: its push sender is the embedded one, which keeps them.
    () => this.api.container.get<LogPushSender>(PushSender).sent,
  );
  readonly bots = httpBots(
    (s, method, path, body) => this.as(s, method, path, body),
    () => this.api.url,
  );
  readonly webhooks = httpWebhooks(
    (s, method, path, body) => this.as(s, method, path, body),
    () => this.api.parley,
  );
  private api!: RunningApi;
  private readonly clock = new OffsetClock();
  private readonly sockets = new Map<string, Socket>();
  private readonly inbox = new Map<string, Json[]>();
  private socketCount = 0;
  private isolation: Isolation = { env: {}, cleanup: async () => {} };

  async start(config: DriverConfig): Promise<void> {
    const port = await freePort();
    this.isolation = realServices();
    const apiConfig = loadConfig(
      {
        ...this.isolation.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LOG_LEVEL: 'silent',
        BCRYPT_ROUNDS: '4',
        ADMIN_EMAILS: config.adminEmails.join(','),
        GROUP_MEMBER_LIMIT: String(config.groupMemberLimit ?? 1000),
        DELETE_WINDOW_HOURS: String((config.deleteWindowMs ?? 48 * 3600_000) / 3600_000),
        DATA_DIR: `/tmp/parley-cucumber-${port}`,
        REQUIRE_EMAIL_VERIFICATION: String(config.requireEmailVerification ?? false),
        // Webhooks to the scenarios' receivers on this machine; a failed one is tried again a second later.
        BOT_WEBHOOK_ALLOW_HTTP: 'true',
        BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
        WEBHOOK_RETRY_DELAYS_MS: '1000',
        WEBHOOK_PAUSE_AFTER_FAILURES: '3',
      },
      () => 'cucumber-secret-'.padEnd(48, 'x'),
    );
    apiConfig.sendRate = config.sendRate ?? null;
    this.api = await startApi(apiConfig, { clock: this.clock });
  }

  async stop(): Promise<void> {
    for (const id of [...this.sockets.keys()]) await this.disconnect(id);
    await this.api.stop();
    await this.isolation.cleanup();
  }

  async advanceTime(ms: number): Promise<void> {
    this.clock.advance(ms);
  }

  /**
   * Every REST call goes through @parley/client's typed API (openapi-fetch), as an application's would,
   * with the token each scenario step names (no automatic refresh: scenarios must see expiry and
   * revocation as the server answers them). Sockets stay raw `ws` on purpose: scenarios assert exactly
   * what the server sends live, which the client's resume and de-duplication would smooth over.
   */
  private async call(
    method: string,
    path: string,
    options: { token?: string; body?: Json; query?: Record<string, unknown> } = {},
  ): Promise<Outcome & { status: number }> {
    const query = Object.fromEntries(
      Object.entries(options.query ?? {})
        .filter(([, v]) => v !== undefined && v !== null)
        .map(([k, v]) => [k, String(v)]),
    );
    this.client ??= new ParleyClient({
      url: this.api.url,
      fetch: (input, init) => this.conforming(input as Request, init),
    });
    const answer = (await this.client.api.request(
      method.toLowerCase() as 'get',
      `/api/v1${path}` as never,
      {
        params: { query },
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        ...(options.body !== undefined ? { body: options.body } : {}),
      } as never,
    )) as { data?: Json; error?: Json; response: Response };
    const response = answer.response;
    const data = (response.ok ? answer.data : answer.error) ?? null;
    if (response.ok) return { ok: true, value: data, status: response.status };
    const code: string = data?.error?.code ?? 'unknown';
    const type =
      code === 'feature_disabled' ? 'FeatureDisabled' : (TYPE_BY_STATUS[response.status] ?? `HTTP ${response.status}`);
    const fields = Array.isArray(data?.error?.details)
      ? data.error.details.map((d: { field: string }) => d.field)
      : undefined;
    return { ok: false, error: { type, code, ...(fields ? { fields } : {}) }, status: response.status };
  }

  /** fetch that checks every response against the API document: a scenario may only get what it promises. */
  private async conforming(input: Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    const response = await fetch(request);
    this.conformance ??= new ResponseConformance(await (await fetch(`${this.api.url}/api/openapi.json`)).json());
    this.conformance.check(
      request.method,
      request.url,
      response.status,
      response.headers.get('content-type'),
      await response.clone().text(),
    );
    return response;
  }

  private as(s: Session, method: string, path: string, body?: Json, query?: Record<string, unknown>) {
    return this.call(method, path, { token: s.accessToken, body, query });
  }

  private async list(s: Session, path: string, query?: Record<string, unknown>): Promise<Outcome<Json[]>> {
    const r = await this.as(s, 'GET', path, undefined, query);
    return r.ok ? { ok: true, value: r.value.data } : r;
  }

  async register(input: Json) {
    return toSession(await this.call('POST', '/auth/register', { body: input }));
  }
  async login(login: string, password: string) {
    return toSession(await this.call('POST', '/auth/login', { body: { login, password } }));
  }
  async refresh(refreshToken: string) {
    return toSession(await this.call('POST', '/auth/refresh', { body: { refreshToken } }));
  }
  logout(s: Session) {
    return this.as(s, 'DELETE', '/auth/logout');
  }
  changePassword(s: Session, currentPassword: string, newPassword: string) {
    return this.as(s, 'PUT', '/auth/password', { currentPassword, newPassword });
  }
  me(s: Session) {
    return this.as(s, 'GET', '/auth/me');
  }
  getUser(s: Session, id: string) {
    return this.as(s, 'GET', `/users/${id}`);
  }
  updateProfile(s: Session, id: string, patch: Json) {
    return this.as(s, 'PATCH', `/users/${id}`, patch);
  }
  searchUsers(s: Session, q: string) {
    return this.list(s, '/users', { q });
  }
  blockUser(s: Session, userId: string) {
    return this.as(s, 'PUT', `/users/${userId}/block`);
  }
  unblockUser(s: Session, userId: string) {
    return this.as(s, 'DELETE', `/users/${userId}/block`);
  }
  listBlocks(s: Session) {
    return this.list(s, '/blocks');
  }

  createConversation(s: Session, body: Json) {
    return this.as(s, 'POST', '/conversations', body);
  }
  getConversation(s: Session, id: string) {
    return this.as(s, 'GET', `/conversations/${id}`);
  }
  listConversations(s: Session) {
    return this.list(s, '/conversations');
  }
  updateConversation(s: Session, id: string, patch: Json) {
    return this.as(s, 'PATCH', `/conversations/${id}`, patch);
  }
  deleteConversation(s: Session, id: string) {
    return this.as(s, 'DELETE', `/conversations/${id}`);
  }
  leaveConversation(s: Session, id: string) {
    return this.as(s, 'DELETE', `/conversations/${id}`, undefined, { leave: 'true' });
  }
  searchPublicConversations(s: Session, q: string) {
    return this.list(s, '/conversations/public', { q });
  }
  findPublicConversation(s: Session, username: string) {
    return this.as(s, 'GET', `/conversations/public/${encodeURIComponent(username)}`);
  }
  joinConversation(s: Session, cid: string) {
    return this.as(s, 'POST', `/conversations/${cid}/join`, {});
  }
  addParticipants(s: Session, cid: string, userIds: string[]) {
    return this.as(s, 'POST', `/conversations/${cid}/participants/bulk`, { userIds });
  }
  addParticipant(s: Session, cid: string, userId: string, role?: string) {
    return this.as(s, 'POST', `/conversations/${cid}/participants`, { userId, ...(role ? { role } : {}) });
  }
  removeParticipant(s: Session, cid: string, uid: string) {
    return this.as(s, 'DELETE', `/conversations/${cid}/participants/${uid}`);
  }
  changeRole(s: Session, cid: string, uid: string, role: string) {
    return this.as(s, 'PATCH', `/conversations/${cid}/participants/${uid}`, { role });
  }
  listParticipants(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/participants`);
  }

  async sendMessage(s: Session, cid: string, body: Json) {
    const r = await this.as(s, 'POST', `/conversations/${cid}/messages`, body);
    return { ...r, created: r.ok ? r.status === 201 : undefined };
  }
  listMessages(s: Session, cid: string, query: Json) {
    return this.as(s, 'GET', `/conversations/${cid}/messages`, undefined, query) as Promise<Outcome<Json>>;
  }
  getMessage(s: Session, cid: string, mid: string) {
    return this.as(s, 'GET', `/conversations/${cid}/messages/${mid}`);
  }
  editMessage(s: Session, cid: string, mid: string, content: string) {
    return this.as(s, 'PATCH', `/conversations/${cid}/messages/${mid}`, { content });
  }
  scheduleMessage(s: Session, cid: string, body: Json) {
    return this.as(s, 'POST', `/conversations/${cid}/scheduled-messages`, body);
  }
  listScheduled(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/scheduled-messages`);
  }
  editScheduled(s: Session, cid: string, id: string, patch: Json) {
    return this.as(s, 'PATCH', `/conversations/${cid}/scheduled-messages/${id}`, patch);
  }
  cancelScheduled(s: Session, cid: string, id: string) {
    return this.as(s, 'DELETE', `/conversations/${cid}/scheduled-messages/${id}`);
  }
  listThread(s: Session, cid: string, mid: string, query: Json) {
    return this.as(s, 'GET', `/conversations/${cid}/messages/${mid}/thread`, undefined, query);
  }
  messageVersions(s: Session, cid: string, mid: string) {
    return this.list(s, `/conversations/${cid}/messages/${mid}/versions`);
  }
  deleteMessage(s: Session, cid: string, mid: string, scope: 'me' | 'everyone') {
    return this.as(s, 'DELETE', `/conversations/${cid}/messages/${mid}`, undefined, { for: scope });
  }
  async forwardMessage(s: Session, mid: string, to: string, clientMessageId?: string) {
    const r = await this.as(s, 'POST', `/messages/${mid}/forward`, { conversationId: to, clientMessageId });
    return { ...r, created: r.ok ? r.status === 201 : undefined };
  }
  async forwardMessages(s: Session, messageIds: string[], to: string, clientMessageId?: string) {
    const r = await this.as(s, 'POST', '/forwards', { conversationId: to, messageIds, clientMessageId });
    const created = r.ok ? r.status === 201 : undefined;
    return r.ok ? { ok: true as const, value: r.value.data as Json[], created } : { ...r, created };
  }
  vote(s: Session, mid: string, optionIds: string[] | null) {
    return optionIds === null
      ? this.as(s, 'DELETE', `/messages/${mid}/votes`)
      : this.as(s, 'POST', `/messages/${mid}/votes`, { optionIds });
  }
  pollResults(s: Session, mid: string) {
    return this.as(s, 'GET', `/messages/${mid}/poll`);
  }
  closePoll(s: Session, mid: string) {
    return this.as(s, 'POST', `/messages/${mid}/poll/close`, {});
  }
  recordViews(s: Session, cid: string, messageIds: string[]) {
    return this.as(s, 'POST', `/conversations/${cid}/views`, { messageIds });
  }
  viewCounts(s: Session, cid: string, messageIds: string[]) {
    return this.list(s, `/conversations/${cid}/views`, { messageIds: messageIds.join(',') });
  }
  pin(s: Session, cid: string, mid: string) {
    return this.as(s, 'PUT', `/conversations/${cid}/messages/${mid}/pin`, {});
  }
  unpin(s: Session, cid: string, mid: string) {
    return this.as(s, 'DELETE', `/conversations/${cid}/messages/${mid}/pin`);
  }
  listPins(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/pins`);
  }
  moderatorListPins(s: Session, cid: string) {
    return this.list(s, `/admin/conversations/${cid}/pins`);
  }
  moderatorRemovePin(s: Session, cid: string, mid: string, reason: string) {
    return this.as(s, 'POST', `/admin/conversations/${cid}/pins/${mid}/remove`, { reason });
  }
  createInvite(s: Session, cid: string, body: Json) {
    return this.as(s, 'POST', `/conversations/${cid}/invites`, body);
  }
  listInvites(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/invites`);
  }
  revokeInvite(s: Session, cid: string, code: string) {
    return this.as(s, 'DELETE', `/conversations/${cid}/invites/${code}`);
  }
  inviteUses(s: Session, cid: string, code: string) {
    return this.list(s, `/conversations/${cid}/invites/${code}/uses`);
  }
  previewInvite(s: Session, code: string) {
    return this.as(s, 'GET', `/invites/${code}`);
  }
  joinByInvite(s: Session, code: string) {
    return this.as(s, 'POST', `/invites/${code}/join`, {});
  }
  joinRequests(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/join-requests`);
  }
  decideJoinRequest(s: Session, cid: string, userId: string, approve: boolean) {
    return this.as(s, 'POST', `/conversations/${cid}/join-requests/${userId}/${approve ? 'approve' : 'decline'}`, {});
  }
  moderatorListInvites(s: Session, cid: string) {
    return this.list(s, `/admin/conversations/${cid}/invites`);
  }
  moderatorRevokeInvite(s: Session, cid: string, code: string, reason: string) {
    return this.as(s, 'POST', `/admin/conversations/${cid}/invites/${code}/revoke`, { reason });
  }
  react(s: Session, mid: string, emoji: string) {
    return this.as(s, 'POST', `/messages/${mid}/reactions`, { emoji });
  }
  unreact(s: Session, mid: string, emoji: string) {
    return this.as(s, 'DELETE', `/messages/${mid}/reactions/${encodeURIComponent(emoji)}`);
  }
  markRead(s: Session, mid: string) {
    return this.as(s, 'POST', `/messages/${mid}/read`, {});
  }
  receipts(s: Session, mid: string) {
    return this.as(s, 'GET', `/messages/${mid}/receipts`);
  }

  mute(s: Session, cid: string, until: string | null) {
    return this.as(s, 'PUT', `/conversations/${cid}/mute`, { until });
  }
  setTyping(s: Session, cid: string, typing: boolean) {
    return this.as(s, 'POST', `/conversations/${cid}/typing`, { typing });
  }
  listTyping(s: Session, cid: string) {
    return this.list(s, `/conversations/${cid}/typing`);
  }

  async connect(s: Session): Promise<string> {
    const id = `ws-${++this.socketCount}`;
    const ws = new WebSocket(`${this.api.url.replace('http', 'ws')}/ws?token=${encodeURIComponent(s.accessToken)}`);
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'ready') resolve();
        if (frame.type === 'event') this.inbox.set(s.userId, [...(this.inbox.get(s.userId) ?? []), frame.event]);
      });
      ws.once('close', (code) => reject(new Error(`socket closed with ${code}`)));
      ws.once('error', reject);
    });
    this.sockets.set(id, { userId: s.userId, ws });
    return id;
  }

  async disconnect(id: string): Promise<void> {
    const socket = this.sockets.get(id);
    if (!socket) return;
    this.sockets.delete(id);
    await new Promise<void>((resolve) => {
      socket.ws.once('close', () => resolve());
      socket.ws.close(1000);
    });
    // The server cleans up after the close frame; give it a moment before asserting on presence.
    await new Promise((r) => setTimeout(r, 30));
  }

  async received(s: Session): Promise<Json[]> {
    return this.inbox.get(s.userId) ?? [];
  }

  async setAway(s: Session, away: boolean): Promise<Outcome> {
    const socket = [...this.sockets.values()].find((x) => x.userId === s.userId);
    if (!socket) return { ok: false, error: { type: 'NotConnected', code: 'not_connected' } };
    return new Promise((resolve) => {
      const id = `away-${Date.now()}`;
      const onFrame = (data: WebSocket.RawData) => {
        const frame = JSON.parse(data.toString());
        if (frame.id !== id) return;
        socket.ws.off('message', onFrame);
        resolve(
          frame.type === 'ack'
            ? { ok: true, value: frame.result }
            : { ok: false, error: { type: 'Error', code: frame.error.code } },
        );
      };
      socket.ws.on('message', onFrame);
      socket.ws.send(JSON.stringify({ id, type: away ? 'presence.away' : 'presence.online' }));
    });
  }
  presence(s: Session, userIds: string[]) {
    return this.list(s, '/presence', { userIds: userIds.join(',') });
  }

  events(s: Session, cid: string, after: number, limit?: number) {
    return this.as(s, 'GET', `/conversations/${cid}/events`, undefined, { after, limit }) as Promise<Outcome<Json>>;
  }
  sync(s: Session, token?: string) {
    return this.as(s, 'GET', '/sync', undefined, { token }) as Promise<Outcome<Json>>;
  }

  requestUpload(s: Session, body: Json) {
    return this.as(s, 'POST', '/media/upload', body) as Promise<Outcome<Ticket>>;
  }
  async upload(ticket: Ticket, bytes: Uint8Array): Promise<Outcome> {
    const response = await fetch(ticket.uploadUrl, { method: ticket.method, headers: ticket.headers, body: bytes });
    return response.ok
      ? { ok: true, value: null }
      : { ok: false, error: { type: TYPE_BY_STATUS[response.status] ?? 'Error', code: String(response.status) } };
  }
  confirmUpload(s: Session, mediaId: string) {
    return this.as(s, 'POST', `/media/${mediaId}/confirm`);
  }
  getMedia(s: Session, mediaId: string) {
    return this.as(s, 'GET', `/media/${mediaId}`);
  }

  async notifications(s: Session): Promise<Json[]> {
    // What the server this driver started sent: its notifier is the embedded log sender, which keeps them.
    const notifier = this.api.container.get<LogNotificationSender>(NotificationSender);
    return JSON.parse(JSON.stringify(notifier.sent.filter((n) => n.userId === s.userId)));
  }
  searchMessages(s: Session, q: string, cid?: string) {
    return this.list(s, '/search/messages', { q, conversationId: cid });
  }

  report(s: Session, mid: string, reason: string) {
    return this.as(s, 'POST', `/messages/${mid}/report`, { reason });
  }
  listFlags(s: Session) {
    return this.list(s, '/flags');
  }
  exportOwnData(s: Session, password: string) {
    return this.as(s, 'POST', `/users/${s.userId}/export`, { password });
  }
  eraseOwnAccount(s: Session, password: string) {
    return this.as(s, 'DELETE', `/users/${s.userId}`, { password });
  }
}
