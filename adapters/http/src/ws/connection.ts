import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import {
  conversationTopic,
  mayDeliver,
  peerSignalFrom,
  presenceTopic,
  userTopic,
  type EventPublisher,
  type Logger,
  type Ports,
  type Principal,
  type RealtimeEvent,
  type Topic,
  type Unsubscribe,
  type AccessView,
  type IdentityModule,
  type DeliveryModule,
} from '@parley/core';
import type { HttpMetrics } from '../metrics.js';
import type { SocketCommandModules } from './commands.js';
import type { SharedFrames } from './frames.js';

export interface GatewayConfig {
  path: string;
  maxFrameBytes: number;
  /** Commands per second a socket may send before frames are refused. */
  commandsPerSecond: number;
  /** A socket whose unsent buffer grows past this is closed (1013) instead of growing memory. */
  maxBufferedBytes: number;
  heartbeatMs: number;
  /** Whether `?token=` is accepted (tokens in URLs end up in logs; off in production by default). */
  queryToken: boolean;
  /** How long a socket that brought no token may take to send its `auth` frame. */
  authTimeoutMs: number;
}

/** What the socket calls: identity signs it in and re-checks it, delivery keeps presence, typing and catch-up. */
export interface SocketModules extends SocketCommandModules {
  identity: Pick<IdentityModule, 'authenticate'>;
  delivery: Pick<DeliveryModule, 'setTyping' | 'getConversationEvents' | 'trackPresence'>;
}

export interface GatewayDeps {
  modules: SocketModules;
  /**
   * The access view REST reads too: it tells the gateway which users and sessions changed, so open sockets re-check.
   */
  access: Pick<AccessView, 'watch' | 'blocked' | 'user'>;
  publisher: EventPublisher;
  participants: Ports['participants'];
  logger: Logger;
  metrics: HttpMetrics;
}

/** Marks a subscription being made, so a second follow of the topic meanwhile does nothing. */
const NOT_YET: Unsubscribe = async () => undefined;

export const CLOSE = { unauthorized: 4401, goingAway: 1001, policy: 1008, tryAgainLater: 1013 } as const;

/** The subprotocol of clients that take batch frames: `{"type":"batch","frames":[frame, frame, ...]}`. */
export const BATCH_SUBPROTOCOL = 'parley.v2';
const BATCH_OPEN = Buffer.from('{"type":"batch","frames":[');
const COMMA = Buffer.from(',');
const BATCH_CLOSE = Buffer.from(']}');

/**
 * The sockets with frames waiting, written together once the event loop has run what this turn brought (one
 * setImmediate for all of them): what piles up for a socket in one turn goes out in one write, and a frame never
 * waits longer than the turn it was made in (no timer).
 */
const waiting = new Set<Connection>();
let flushScheduled = false;
function flushWaiting(): void {
  flushScheduled = false;
  for (const connection of waiting) connection.flush();
  waiting.clear();
}

/** One client connection: its subscriptions, its command budget and its token's expiry. */
export class Connection {
  readonly id = randomUUID();
  private readonly subscriptions = new Map<Topic, Unsubscribe>();
  /** When this socket's command window opened, in tenths of a second since the process started (a small
   * integer for years, where milliseconds since 1970 would be a boxed number per socket). */
  private windowStart = -10;
  private commandsInWindow = 0;
  alive = true;
  /** Frames made this turn of the event loop, not written yet (null: none). */
  private pending: Buffer[] | null = null;
  /** Whether the client takes batch frames (it offered BATCH_SUBPROTOCOL); else several frames share a write. */
  private readonly batches: boolean;

  readonly userId: string;
  /**
   * What the socket was admitted with, and no more: idle sockets are most of a chat server's sockets, so
   * each keeps ids and its token's expiry, not the user's whole row (commands read the user afresh).
   */
  sessionId: string;
  expiresAt: Date;

  constructor(
    readonly socket: WebSocket,
    principal: Principal,
    private readonly deps: GatewayDeps,
    private readonly config: GatewayConfig,
    private readonly frames: SharedFrames,
  ) {
    this.userId = principal.user.id;
    this.sessionId = principal.sessionId;
    this.expiresAt = principal.expiresAt;
    this.batches = socket.protocol === BATCH_SUBPROTOCOL;
  }

  /** Whether the access token the socket was admitted (or last re-authenticated) with has expired. */
  expired(now: number): boolean {
    return this.expiresAt.getTime() <= now;
  }

  async start(): Promise<void> {
    await this.follow(userTopic(this.userId));
    for (const row of await this.deps.participants.listByUser(this.userId, { state: 'active' }))
      await this.followConversation(row.conversationId);
    await this.deps.modules.delivery.trackPresence.execute({
      kind: 'connect',
      userId: this.userId,
      connectionId: this.id,
    });
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.subscriptions.values()) await unsubscribe().catch(() => undefined);
    this.subscriptions.clear();
    await this.deps.modules.delivery.trackPresence.execute({
      kind: 'disconnect',
      userId: this.userId,
      connectionId: this.id,
    });
  }

  /**
   * Queues a frame for this socket: written, with whatever else this turn of the event loop brings it, once the
   * turn is done. A shared frame goes out as the bytes it already is: no per-socket stringify or re-encoding.
   */
  send(frame: Record<string, unknown> | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const bytes = Buffer.isBuffer(frame) ? frame : Buffer.from(JSON.stringify(frame));
    if (this.pending) {
      this.pending.push(bytes);
      return;
    }
    this.pending = [bytes];
    waiting.add(this);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flushWaiting);
    }
  }

  /**
   * Writes what waits: one frame as it is; several in one batch frame for a client that takes them, else as
   * separate frames in one write (the TCP socket corked around them: one syscall).
   */
  flush(): void {
    const frames = this.pending;
    this.pending = null;
    if (!frames || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.config.maxBufferedBytes) {
      this.socket.close(CLOSE.tryAgainLater, 'slow consumer');
      return;
    }
    this.deps.metrics.fanOut.writes += 1;
    if (frames.length === 1) return this.socket.send(frames[0]!, { binary: false });
    if (this.batches) {
      const parts: Buffer[] = [BATCH_OPEN];
      for (let i = 0; i < frames.length; i += 1) {
        if (i > 0) parts.push(COMMA);
        parts.push(frames[i]!);
      }
      parts.push(BATCH_CLOSE);
      return this.socket.send(Buffer.concat(parts), { binary: false });
    }
    const tcp = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    tcp?.cork();
    for (const bytes of frames) this.socket.send(bytes, { binary: false });
    tcp?.uncork();
  }

  /** True while this socket stays within its command rate. */
  takeCommand(): boolean {
    const now = Math.floor(performance.now() / 100);
    if (now - this.windowStart >= 10) {
      this.windowStart = now;
      this.commandsInWindow = 0;
    }
    this.commandsInWindow += 1;
    return this.commandsInWindow <= this.config.commandsPerSecond;
  }

  /** Closes the socket if its session was revoked or its account banned or erased since it was admitted. */
  async recheck(): Promise<void> {
    const verdict = await this.deps.modules.identity.authenticate.recheck(this);
    if (!verdict.ok) this.socket.close(CLOSE.unauthorized, verdict.error.code);
  }

  reauthenticate(principal: Principal): void {
    this.sessionId = principal.sessionId;
    this.expiresAt = principal.expiresAt;
  }

  async followConversation(conversationId: string): Promise<void> {
    await this.follow(conversationTopic(conversationId));
    // Presence of the people one talks with: peers of small conversations only, to bound subscriptions.
    const peers = await this.deps.participants.listActive(conversationId, { limit: 101 });
    if (peers.length <= 100)
      for (const peer of peers) if (peer.userId !== this.userId) await this.follow(presenceTopic(peer.userId));
  }

  async unfollow(topic: Topic): Promise<void> {
    await this.subscriptions.get(topic)?.();
    this.subscriptions.delete(topic);
  }

  private async follow(topic: Topic): Promise<void> {
    if (this.subscriptions.has(topic)) return;
    this.subscriptions.set(topic, NOT_YET);
    this.subscriptions.set(topic, await this.deps.publisher.subscribe(topic, this.onEvent));
  }

  /** One handler for all of this socket's topics (bound: lighter than an arrow function's closure and context). */
  private readonly onEvent: (event: RealtimeEvent) => void = this.deliver.bind(this);

  /**
   * Synchronous for every event but the two that change this socket's subscriptions and a peer's typing and
   * presence, which a block between the two keeps from this socket (checked through the cached AccessView).
   */
  private deliver(event: RealtimeEvent): void {
    if (peerSignalFrom(event) !== null) {
      void mayDeliver(this.deps.access, event, this.userId).then((may) => (may ? this.sendEvent(event) : undefined));
      return;
    }
    if (
      event.kind === 'ephemeral' &&
      (event.event.type === 'conversation.joined' || event.event.type === 'conversation.left')
    ) {
      void this.resubscribe(event).then(
        () => this.sendEvent(event),
        (error: unknown) =>
          this.deps.logger.warn('socket subscription change failed', { connectionId: this.id, error: String(error) }),
      );
      return;
    }
    this.sendEvent(event);
  }

  private async resubscribe(event: RealtimeEvent): Promise<void> {
    if (event.kind !== 'ephemeral') return;
    if (event.event.type === 'conversation.joined') await this.followConversation(event.event.conversationId);
    if (event.event.type === 'conversation.left' && event.event.userId === this.userId)
      await this.unfollow(conversationTopic(event.event.conversationId));
  }

  private sendEvent(event: RealtimeEvent): void {
    this.deps.metrics.fanOut.events += 1;
    this.send(this.frames.of(event));
  }
}
