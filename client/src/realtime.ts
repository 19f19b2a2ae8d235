import { Emitter } from './emitter.js';
import { connectionLost, ParleyError } from './errors.js';
import {
  isDurable,
  type CommandName,
  type Commands,
  type ConversationEvent,
  type EphemeralEvent,
  type ServerFrame,
  type ServerMessage,
} from './protocol.js';
import type { Session } from './session.js';
import { EventOrder } from './event-order.js';

/** The part of the WebSocket API the client uses: the browser's, or the `ws` package's in Node. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type SocketFactory = new (url: string, protocols?: string | string[]) => SocketLike;

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RealtimeEvents {
  /** Durable conversation events, per conversation in eventSeq order, each exactly once (live or caught up). */
  event: ConversationEvent;
  /** Typing, presence and the other events that are never stored. */
  ephemeral: EphemeralEvent;
  state: ConnectionState;
  /** The server ended the session (signed out elsewhere, banned...): sign in again. */
  signedOut: { reason: string };
}

export interface RealtimeOptions {
  /** The WebSocket implementation: `globalThis.WebSocket` by default; in Node 20 pass the `ws` package. */
  WebSocket?: SocketFactory;
  /** Reconnect delays: a random wait up to min(maxMs, initialMs * 2^attempt) (full jitter). */
  backoff?: { initialMs: number; maxMs: number };
  random?: () => number;
}

/** Socket errors carry no status: the codes that mean "try again later" get the status REST would answer. */
const statusOf = (code: string): number =>
  code === 'rate_limited' ? 429 : code.endsWith('_unavailable') ? 503 : code === 'internal_error' ? 500 : 400;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * One socket that stays connected: it reconnects with backoff and jitter, catches every followed
 * conversation up from the last eventSeq it delivered (resume) after each reconnect, and delivers
 * conversation events in order without gaps or duplicates whether they came live or from the catch-up.
 */
export class Realtime extends Emitter<RealtimeEvents> {
  private socket: SocketLike | null = null;
  private readonly pending = new Map<string, Pending>();
  private readonly order: EventOrder;
  private nextId = 1;
  private attempt = 0;
  private stopped = true;
  private timer: ReturnType<typeof setTimeout> | null = null;
  state: ConnectionState = 'closed';

  constructor(
    private readonly session: Session,
    private readonly options: RealtimeOptions = {},
  ) {
    super();
    this.order = new EventOrder(
      (event) => this.emit('event', event),
      (conversationId, after) => this.catchUp(conversationId, after),
    );
  }

  /** Connects (and keeps reconnecting until `close`). Resolves once the server said ready. */
  async connect(): Promise<void> {
    this.stopped = false;
    if (this.state === 'open') return;
    if (this.state === 'closed') this.open();
    await this.once('state', (state) => state === 'open');
  }

  /** Follows a conversation from an eventSeq the caller already has (e.g. the newest of a history page). */
  follow(conversationId: string, lastEventSeq: number): void {
    this.order.follow(conversationId, lastEventSeq);
    if (this.state === 'open') this.order.catchUp(conversationId);
  }

  /** The last eventSeq delivered for a conversation (undefined: not followed). */
  position(conversationId: string): number | undefined {
    return this.order.position(conversationId);
  }

  /** Sends a command and resolves with its ack's result; rejects with the error frame, or `connection_lost`. */
  request<K extends CommandName>(type: K, args: Commands[K]['args']): Promise<Commands[K]['result']> {
    const socket = this.socket;
    if (!socket || this.state !== 'open') return Promise.reject(connectionLost());
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(JSON.stringify({ ...args, id, type }));
    });
  }

  close(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close(1000, 'client closed');
    this.socket = null;
    this.failPending();
    this.setState('closed');
  }

  /** Drops the socket as if the network failed (tests; "reconnect now" buttons). */
  drop(): void {
    this.socket?.close(4000, 'dropped by the client');
  }

  private open(): void {
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    void this.session
      .accessToken()
      .then((token) => {
        if (this.stopped) return;
        const Impl = this.options.WebSocket ?? (globalThis as { WebSocket?: SocketFactory }).WebSocket;
        if (!Impl) throw new Error('no WebSocket implementation: pass one (e.g. the ws package) as options.WebSocket');
        // Browsers cannot set headers on a WebSocket: the token rides in a subprotocol (never echoed back).
        // parley.v2: what waits for this socket in one turn of the server comes in one batch frame.
        const socket = new Impl(`${this.session.url.replace(/^http/, 'ws')}/ws`, [
          'parley.v2',
          `parley.bearer.${token}`,
        ]);
        this.socket = socket;
        socket.onmessage = (message) => this.onFrame(String(message.data));
        socket.onclose = (event) => this.onClose(socket, event.code, event.reason);
        socket.onerror = () => undefined; // onclose follows
      })
      .catch((error: unknown) => {
        if (error instanceof ParleyError && error.status === 401) return this.signedOut(error.code);
        this.retryLater();
      });
  }

  private onFrame(data: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    if (message.type === 'batch') for (const frame of message.frames as ServerFrame[]) this.handle(frame);
    else this.handle(message);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ready':
        this.attempt = 0;
        this.setState('open');
        this.order.catchUpAll();
        return;
      case 'event':
        if (isDurable(frame.event)) this.order.live(frame.event);
        else this.emit('ephemeral', frame.event);
        return;
      case 'ack':
      case 'pong':
        this.settle(frame.id, (p) => p.resolve(frame.type === 'ack' ? frame.result : null));
        return;
      case 'error':
        if (frame.id)
          this.settle(frame.id, (p) =>
            p.reject(
              new ParleyError(statusOf(frame.error.code), frame.error.code, frame.error.message, frame.error.details),
            ),
          );
        return;
    }
  }

  private settle(id: string, how: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    how(pending);
  }

  private onClose(socket: SocketLike, code: number, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.failPending();
    this.order.disconnected();
    if (this.stopped) return this.setState('closed');
    if (code === 4401 && reason !== 'token expired') {
      // An expired token is renewed by reconnecting (the session refreshes it); any other 4401 ends the session.
      if (reason === 'session_revoked' || reason === 'invalid_token') return this.signedOut(reason);
    }
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    this.setState('reconnecting');
    const { initialMs, maxMs } = this.options.backoff ?? { initialMs: 250, maxMs: 10_000 };
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.attempt);
    this.attempt += 1;
    this.timer = setTimeout(() => this.open(), Math.round((this.options.random ?? Math.random)() * ceiling));
  }

  private signedOut(reason: string): void {
    this.stopped = true;
    this.setState('closed');
    this.emit('signedOut', { reason });
  }

  /** Replays a conversation's events after `after`, page by page, into the ordering buffer. */
  private async catchUp(conversationId: string, after: number): Promise<void> {
    let last = after;
    for (;;) {
      const page = await this.request('resume', { conversationId, lastEventSeq: last });
      // Replayed events come as stored ({ eventSeq, payload, ... }); live frames also carry `type` on top.
      for (const event of page.events) this.order.replayed({ ...event, type: event.payload.type } as ConversationEvent);
      if (!page.hasMore || page.events.length === 0) return;
      last = page.lastEventSeq;
    }
  }

  private failPending(): void {
    for (const pending of this.pending.values()) pending.reject(connectionLost());
    this.pending.clear();
  }

  private setState(state: ConnectionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }
}
