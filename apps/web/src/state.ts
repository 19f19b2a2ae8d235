import {
  isHeld,
  ParleyClient,
  unwrap,
  type HeldReceipt,
  type ConversationEvent,
  type EphemeralEvent,
  type Message,
  type PendingSend,
  type Schemas,
  type SignedInSession,
  type TwoFactorChallenge,
  type Tokens,
} from '@parley/client';
import { BrowserPush } from './push.js';

export type Conversation = Schemas['Conversation'];
type Reaction = Message['reactions'][number];

const TOKENS = 'parley.tokens';
const OUTBOX = 'parley.outbox';

/** localStorage, where it exists (it may be disabled): sessions and unsent messages survive a reload. */
const stored = {
  get: <T>(key: string): T | null => {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
    } catch {
      return null;
    }
  },
  set: (key: string, value: unknown) => {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      /* private mode */
    }
  },
};

/**
 * Everything the screens show, kept current from REST answers and socket events, with one `changed`
 * notification for the view to re-render. All traffic goes through @parley/client.
 */
export class ChatState {
  readonly client: ParleyClient;
  me: Schemas['PrivateUser'] | null = null;
  conversations: Conversation[] = [];
  openId: string | null = null;
  messages = new Map<string, Message[]>();
  olderCursor = new Map<string, string | null>();
  names = new Map<string, string>();
  /** The people in my conversations that are bots (their chats offer the bot's commands). */
  bots = new Set<string>();
  members = new Map<string, string[]>();
  typing = new Map<string, Map<string, number>>();
  peerRead = new Map<string, Map<string, number>>();
  online = new Map<string, string>();
  pending: PendingSend[] = [];
  /** The people I blocked (GET /blocks): a direct chat with one of them offers Unblock. */
  blocked = new Set<string>();
  /** Conversations an admin banned me from while I had them open: when the ban ends (null: until lifted). */
  bannedFrom = new Map<string, string | null>();
  /** What an admin took from me per conversation (its deny list and end), from the member list and live. */
  restrictions = new Map<string, { deny: string[]; until: string | null }>();
  /** My sends a filter held for a moderator's review, by conversation, until a moderator decides. */
  held = new Map<string, HeldReceipt[]>();
  /** The last review decision on one of my held messages, to say so once. */
  reviewed: { conversationId: string; state: 'approved' | 'rejected' } | null = null;
  /** A sign-in waiting for its second step. */
  challenge: TwoFactorChallenge | null = null;
  /** Two-factor sign-in's state while the security panel is open. */
  twoFactor: Schemas['TwoFactorStatus'] | null = null;
  /** Where I am signed in (GET /sessions), while the devices panel is open; null when it is closed. */
  sessions: SignedInSession[] | null = null;
  /** The last answer of a bot to a button I pressed, shown for a few seconds. */
  botAnswer: { text: string; alert: boolean; at: number } | null = null;
  /** Notifications on this browser (Web Push through the service worker). */
  readonly push: BrowserPush;
  private readonly listeners = new Set<() => void>();

  constructor(url: string) {
    const tokens = stored.get<Tokens>(TOKENS);
    this.client = new ParleyClient({
      url,
      ...(tokens ? { tokens } : {}),
      onTokens: (t) => stored.set(TOKENS, t),
      device: { name: 'Parley web', platform: 'web' },
      outbox: { load: () => stored.get<PendingSend[]>(OUTBOX) ?? [], save: (items) => stored.set(OUTBOX, items) },
    });
    this.push = new BrowserPush(this.client);
    this.client.outbox.on('changed', (items) => {
      this.pending = items;
      this.changed();
    });
    this.client.realtime.on('event', (event) => this.onEvent(event));
    this.client.realtime.on('ephemeral', (event) => this.onEphemeral(event));
    this.client.realtime.on('signedOut', () => {
      stored.set(TOKENS, null);
      this.me = null;
      this.changed();
    });
    this.client.realtime.on('state', () => this.changed());
    setInterval(() => this.expireTyping(), 1000);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  get signedIn(): boolean {
    return this.client.session.signedIn;
  }

  async start(): Promise<void> {
    this.me = (await unwrap(this.client.api.GET('/api/v1/auth/me'))) as Schemas['PrivateUser'];
    this.names.set(this.me.id, this.me.displayName);
    const blocks = await unwrap(this.client.api.GET('/api/v1/blocks'));
    this.blocked = new Set(blocks.data.map((b) => b.userId));
    await this.loadConversations();
    await this.client.realtime.connect();
    // A browser that allowed notifications before registers its subscription with this (new) session.
    void this.push.resume().catch(() => undefined);
    this.changed();
  }

  /**
   * Signs in (or up). Answers what is still needed: 'verify' when the new account must verify its address first,
   * 'code' when the account has two-factor sign-in (then `completeSignIn`), null when signed in.
   */
  async signIn(
    mode: 'login' | 'register',
    fields: { login: string; email: string; password: string },
  ): Promise<'verify' | 'code' | null> {
    if (mode === 'login') {
      const answer = await this.client.login(fields.login, fields.password);
      if ('twoFactorRequired' in answer) {
        this.challenge = answer;
        return 'code';
      }
    } else {
      const answer = await this.client.register({
        email: fields.email,
        username: fields.login,
        password: fields.password,
      });
      if ('verificationRequired' in answer) return 'verify';
    }
    await this.start();
    return null;
  }

  /** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
  async completeSignIn(code: string): Promise<void> {
    if (!this.challenge) throw new Error('sign in with your password first');
    const trimmed = code.trim();
    await this.client.completeSignIn(
      this.challenge,
      /^\d{6}$/.test(trimmed) ? { code: trimmed } : { recoveryCode: trimmed },
    );
    this.challenge = null;
    await this.start();
  }

  /** Two-factor sign-in: its state, for the security panel (null while the panel is closed). */
  async showTwoFactor(open = true): Promise<void> {
    this.twoFactor = open ? await unwrap(this.client.api.GET('/api/v1/auth/2fa')) : null;
    this.changed();
  }

  async signOut(): Promise<void> {
    await this.client.logout();
    this.me = null;
    this.changed();
  }

  /** Opens the devices panel with a fresh list; null closes it. */
  async showSessions(open = true): Promise<void> {
    this.sessions = open ? await this.client.sessions() : null;
    this.changed();
  }

  /** Signs a device out (a lost phone); the list is read again. */
  async endSession(id: string): Promise<void> {
    await this.client.endSession(id);
    await this.showSessions();
  }

  /** Signs out every device but this one; the list is read again. */
  async endOtherSessions(): Promise<void> {
    await this.client.endOtherSessions();
    await this.showSessions();
  }

  async loadConversations(): Promise<void> {
    this.conversations = (
      await unwrap(this.client.api.GET('/api/v1/conversations', { params: { query: { limit: 100 } } }))
    ).data;
    for (const conversation of this.conversations) {
      this.client.realtime.follow(conversation.id, conversation.lastEventSeq);
      if (!this.members.has(conversation.id)) await this.loadMembers(conversation.id);
    }
    this.changed();
  }

  private async loadMembers(conversationId: string): Promise<void> {
    const page = await unwrap(
      this.client.api.GET('/api/v1/conversations/{id}/participants', {
        params: { path: { id: conversationId }, query: { limit: 100 } },
      }),
    );
    this.members.set(
      conversationId,
      page.data.map((p) => p.userId),
    );
    this.peerRead.set(conversationId, new Map(page.data.map((p) => [p.userId, p.lastReadSeq])));
    const mine = page.data.find((p) => p.userId === this.me?.id)?.restrictions;
    if (mine?.deny.length) this.restrictions.set(conversationId, { deny: mine.deny, until: mine.until });
    const unknown = page.data.map((p) => p.userId).filter((id) => !this.names.has(id));
    for (const userId of unknown) {
      const user = await unwrap(this.client.api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } }));
      this.names.set(userId, user.displayName);
      if ('isBot' in user && user.isBot) this.bots.add(userId);
    }
    if (unknown.length) {
      const presence = await unwrap(
        this.client.api.GET('/api/v1/presence', { params: { query: { userIds: unknown.join(',') } } }),
      );
      for (const p of presence.data) this.online.set(p.userId, p.status);
    }
  }

  /** A conversation's title: its name, or the other person's in a direct one. */
  title(conversation: Conversation): string {
    if (conversation.name) return conversation.name;
    const peer = (this.members.get(conversation.id) ?? []).find((id) => id !== this.me?.id);
    return peer ? (this.names.get(peer) ?? 'Direct chat') : 'Saved messages';
  }

  peerOf(conversation: Conversation): string | null {
    return conversation.kind === 'direct'
      ? ((this.members.get(conversation.id) ?? []).find((id) => id !== this.me?.id) ?? null)
      : null;
  }

  /** Blocks or unblocks a person (docs/security.md says what a block hides). */
  async setBlocked(userId: string, blocked: boolean): Promise<void> {
    const params = { params: { path: { id: userId } } };
    if (blocked) await unwrap(this.client.api.PUT('/api/v1/users/{id}/block', params));
    else await unwrap(this.client.api.DELETE('/api/v1/users/{id}/block', params));
    if (blocked) this.blocked.add(userId);
    else this.blocked.delete(userId);
    this.changed();
  }

  async open(conversationId: string): Promise<void> {
    this.openId = conversationId;
    if (!this.messages.has(conversationId)) await this.loadOlder(conversationId);
    this.changed();
    await this.markRead(conversationId);
  }

  async loadOlder(conversationId: string): Promise<void> {
    const cursor = this.olderCursor.get(conversationId);
    if (cursor === null) return;
    const page = await unwrap(
      this.client.api.GET('/api/v1/conversations/{cid}/messages', {
        params: { path: { cid: conversationId }, query: { limit: 30, ...(cursor ? { cursor } : {}) } },
      }),
    );
    this.olderCursor.set(conversationId, page.nextCursor ?? null);
    this.merge(conversationId, page.data);
    this.changed();
  }

  async send(content: string, attachmentIds?: string[]): Promise<void> {
    if (!this.openId) return;
    const sent = await this.client.send({
      conversationId: this.openId,
      content: content || undefined,
      ...(attachmentIds ? { attachmentIds } : {}),
    });
    if (isHeld(sent)) this.held.set(sent.conversationId, [...(this.held.get(sent.conversationId) ?? []), sent]);
    else this.merge(sent.conversationId, [sent]);
    this.changed();
  }

  /** Uploads an image (ask, PUT, confirm) and sends it; the thumbnail shows once the worker made it. */
  async sendImage(file: File): Promise<void> {
    const ticket = await unwrap(
      this.client.api.POST('/api/v1/media/upload', {
        body: { filename: file.name, contentType: file.type as never, size: file.size },
      }),
    );
    const put = await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: file });
    if (!put.ok) throw new Error(`upload failed (${put.status})`);
    await unwrap(this.client.api.POST('/api/v1/media/{id}/confirm', { params: { path: { id: ticket.id } } }));
    await this.send('', [ticket.id]);
  }

  async mediaUrl(mediaId: string): Promise<string | null> {
    const media = await unwrap(this.client.api.GET('/api/v1/media/{id}', { params: { path: { id: mediaId } } }));
    return media.thumbnails[0]?.url ?? (media.status === 'ready' ? media.url : null);
  }

  async react(message: Message, emoji: string): Promise<void> {
    const mine = message.reactions.find((r) => r.emoji === emoji)?.mine;
    if (mine)
      await unwrap(
        this.client.api.DELETE('/api/v1/messages/{id}/reactions/{emoji}', {
          params: { path: { id: message.id, emoji } },
        }),
      );
    else
      await unwrap(
        this.client.api.POST('/api/v1/messages/{id}/reactions', {
          params: { path: { id: message.id } },
          body: { emoji },
        }),
      );
  }

  typingNow(): void {
    if (this.openId && this.client.realtime.state === 'open')
      void this.client.realtime.request('typing.start', { conversationId: this.openId }).catch(() => undefined);
  }

  async markRead(conversationId: string): Promise<void> {
    const last = (this.messages.get(conversationId) ?? []).at(-1);
    const conversation = this.conversations.find((c) => c.id === conversationId);
    if (!last || !conversation || conversation.lastReadSeq >= last.seq) return;
    conversation.lastReadSeq = last.seq;
    conversation.unreadCount = 0;
    if (this.client.realtime.state === 'open')
      await this.client.realtime.request('read', { conversationId, seq: last.seq }).catch(() => undefined);
    this.changed();
  }

  private merge(conversationId: string, incoming: Message[]): void {
    const byId = new Map((this.messages.get(conversationId) ?? []).map((m) => [m.id, m]));
    for (const message of incoming) byId.set(message.id, message);
    this.messages.set(
      conversationId,
      [...byId.values()].sort((a, b) => a.seq - b.seq),
    );
  }

  private onEvent(event: ConversationEvent): void {
    const payload = event.payload as {
      message?: Message;
      messageId?: string;
      userId?: string;
      emoji?: string;
      lastReadSeq?: number;
    };
    const conversation = this.conversations.find((c) => c.id === event.conversationId);
    if (event.type === 'message.created' || event.type === 'message.edited') {
      const message = payload.message!;
      if (this.messages.has(event.conversationId)) this.merge(event.conversationId, [message]);
      if (conversation && event.type === 'message.created') {
        conversation.lastMessage = message;
        if (message.senderId !== this.me?.id && this.openId !== conversation.id) conversation.unreadCount += 1;
        this.conversations = [conversation, ...this.conversations.filter((c) => c !== conversation)];
      }
      this.typing.get(event.conversationId)?.delete(message.senderId);
      if (this.openId === event.conversationId) void this.markRead(event.conversationId);
    } else if (event.type === 'reaction.added' || event.type === 'reaction.removed') {
      const message = this.messages.get(event.conversationId)?.find((m) => m.id === payload.messageId);
      if (message)
        message.reactions = react(
          message.reactions,
          payload.emoji!,
          event.type === 'reaction.added' ? 1 : -1,
          payload.userId === this.me?.id,
        );
    } else if (event.type === 'receipt.updated') {
      (
        this.peerRead.get(event.conversationId) ??
        this.peerRead.set(event.conversationId, new Map()).get(event.conversationId)!
      ).set(payload.userId!, payload.lastReadSeq!);
    } else if (event.type === 'participant.restricted' && payload.userId === this.me?.id) {
      const { deny, until } = event.payload as unknown as { deny: string[]; until: string | null };
      if (deny.length) this.restrictions.set(event.conversationId, { deny, until });
      else this.restrictions.delete(event.conversationId);
    } else if (
      event.type === 'conversation.created' ||
      event.type === 'participant.added' ||
      event.type === 'message.deleted'
    ) {
      void this.loadConversations();
    }
    this.changed();
  }

  private onEphemeral(event: EphemeralEvent): void {
    if (event.type === 'typing.started' && event.userId !== this.me?.id) {
      (
        this.typing.get(event.conversationId) ??
        this.typing.set(event.conversationId, new Map()).get(event.conversationId)!
      ).set(event.userId, Date.parse(event.expiresAt));
    } else if (event.type === 'typing.stopped') {
      this.typing.get(event.conversationId)?.delete(event.userId);
    } else if (event.type === 'presence.updated') {
      this.online.set(event.userId, event.status);
    } else if (event.type === 'conversation.joined') {
      this.bannedFrom.delete(event.conversationId);
      void this.loadConversations();
    } else if (event.type === 'conversation.left' && event.userId === this.me?.id && event.reason === 'banned') {
      // The chat stays on screen, closed, saying why; it is gone from the list at the next load.
      this.bannedFrom.set(event.conversationId, event.until ?? null);
    } else if (event.type === 'callback.answered') {
      // A bot's answer to a button I pressed: a toast (an alert if the bot asked for one).
      this.botAnswer = event.text ? { text: event.text, alert: event.showAlert, at: Date.now() } : null;
    } else if (event.type === 'message.reviewed') {
      const waiting = (this.held.get(event.conversationId) ?? []).filter((h) => h.id !== event.heldId);
      this.held.set(event.conversationId, waiting);
      this.reviewed = { conversationId: event.conversationId, state: event.state };
    }
    this.changed();
  }

  private expireTyping(): void {
    let any = false;
    for (const users of this.typing.values())
      for (const [userId, until] of users)
        if (until < Date.now()) {
          users.delete(userId);
          any = true;
        }
    if (any) this.changed();
  }
}

function react(reactions: Reaction[], emoji: string, delta: number, mine: boolean): Reaction[] {
  const current = reactions.find((r) => r.emoji === emoji) ?? { emoji, count: 0, mine: false };
  const next = { emoji, count: current.count + delta, mine: mine ? delta > 0 : current.mine };
  return [...reactions.filter((r) => r.emoji !== emoji), ...(next.count > 0 ? [next] : [])];
}
