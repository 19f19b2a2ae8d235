import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DependencyUnavailable } from '@parley/core';
import { inputProblems } from '../validation.js';
import { runCommand } from './commands.js';
import { BATCH_SUBPROTOCOL, CLOSE, Connection, type GatewayConfig, type GatewayDeps } from './connection.js';
import { idOfMalformed, parseCommand, SharedFrames, type CommandFrame } from './frames.js';
import { COMMANDS } from './protocol.js';

export { BATCH_SUBPROTOCOL, CLOSE, type GatewayConfig, type GatewayDeps, type SocketModules } from './connection.js';

/**
 * The subprotocol a client offers beside `parley.bearer.<token>`; the server selects it. A client that also (or
 * instead) offers BATCH_SUBPROTOCOL (`parley.v2`) gets it selected, and batch frames.
 */
export const SUBPROTOCOL = 'parley.v1';
const BEARER_PROTOCOL = 'parley.bearer.';
/** Where an admitted socket keeps its Connection, so one set of listeners serves every socket. */
const CONNECTION = Symbol('parley.connection');
type AdmittedSocket = WebSocket & { [CONNECTION]: Connection };

/**
 * The realtime endpoint on the API's HTTP server. Clients authenticate with an `Authorization: Bearer`
 * header, the `parley.bearer.<token>` subprotocol, the first frame, or `?token=` where allowed; bad tokens
 * get close code 4401. See docs/websocket.md for the frames.
 */
export class WebSocketGateway {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<Connection>();
  /** Each event's frame, serialised once for all of this node's sockets. */
  readonly frames = new SharedFrames();
  private heartbeat: NodeJS.Timeout | undefined;
  /** One timer for every socket's token expiry (a socket closes within a second of it), not one per socket. */
  private expiry: NodeJS.Timeout | undefined;
  private readonly unwatch: () => void;
  /**
   * The listeners of every admitted socket: the same four functions for all of them (`this` is the
   * socket, which carries its Connection), instead of four closures per socket. Idle sockets are most
   * of a chat server's sockets, so their memory is its memory.
   */
  private readonly listeners = listenersOf(this);

  constructor(
    private readonly deps: GatewayDeps,
    private readonly config: GatewayConfig,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxFrameBytes,
      // No per-message deflate: it would compress each shared frame again for every socket (CPU and
      // ~64 KiB of zlib state per socket); chat frames are small. TLS terminators may compress instead.
      perMessageDeflate: false,
      // The gateway keeps its own set of connections: ws's would add a closure and a Set entry per socket.
      clientTracking: false,
      // Never echo the bearer protocol (it holds the token): select a plain one, which clients offer with it.
      handleProtocols: (protocols) =>
        protocols.has(BATCH_SUBPROTOCOL) ? BATCH_SUBPROTOCOL : protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false,
    });
    // Logout, refresh-token reuse, ban, erasure and password change reach every node's sockets here.
    this.unwatch = deps.access.watch((change) => {
      const users = new Set(change.users);
      const sessions = new Set(change.sessions);
      for (const c of this.connections) {
        if (!users.has(c.userId) && !sessions.has(c.sessionId)) continue;
        c.recheck().catch((error: unknown) =>
          this.deps.logger.warn('socket re-check failed', { connectionId: c.id, error: String(error) }),
        );
      }
    });
  }

  attach(server: Server): void {
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname !== this.config.path) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => void this.accept(ws, req, url));
    });
    this.heartbeat = setInterval(() => this.sweep(), this.config.heartbeatMs);
    this.heartbeat.unref();
    this.expiry = setInterval(() => this.closeExpired(Date.now()), 1000);
    this.expiry.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Closes every socket with 1001 (going away) and waits for their clean-up. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    clearInterval(this.expiry);
    this.unwatch();
    const closing = [...this.connections].map(
      (c) =>
        new Promise<void>((resolve) => {
          c.socket.once('close', () => resolve());
          c.socket.close(CLOSE.goingAway, 'server shutting down');
          setTimeout(() => {
            c.socket.terminate();
            resolve();
          }, 2000).unref();
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /**
   * Where the token may come from, in order: `Authorization: Bearer` (non-browser clients), the
   * `parley.bearer.<token>` subprotocol (browsers), `?token=` (when allowed), else the first frame,
   * `{"type":"auth","token":...}`, within authTimeoutMs.
   */
  private async accept(ws: WebSocket, req: IncomingMessage, url: URL): Promise<void> {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const fromProtocol = offered.find((p) => p.startsWith(BEARER_PROTOCOL))?.slice(BEARER_PROTOCOL.length);
    const fromQuery = url.searchParams.get('token');
    if (fromQuery && !this.config.queryToken) return ws.close(CLOSE.unauthorized, 'query_token_disabled');
    const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? fromProtocol ?? fromQuery ?? null;
    if (token !== null) return this.admit(ws, token);
    const timer = setTimeout(() => ws.close(CLOSE.unauthorized, 'missing_token'), this.config.authTimeoutMs);
    ws.once('message', (data, isBinary) => {
      clearTimeout(timer);
      const frame = isBinary ? null : parseCommand(data.toString());
      if (frame?.type !== 'auth' || typeof frame.token !== 'string')
        return ws.close(CLOSE.unauthorized, 'missing_token');
      void this.admit(ws, frame.token);
    });
    ws.once('close', () => clearTimeout(timer));
  }

  private async admit(ws: WebSocket, token: string): Promise<void> {
    // The session is checked in the database: while that is down the socket is refused with 1013 (try again
    // later), never an unhandled rejection (which would end the process for every other socket too).
    const auth = await this.deps.modules.identity.authenticate.execute(token).catch((error: unknown) => {
      this.deps.logger.warn('socket refused: could not check its token', { error: String(error) });
      return null;
    });
    if (auth === null) {
      if (ws.readyState === ws.OPEN) ws.close(CLOSE.tryAgainLater, 'try again later');
      return;
    }
    if (!auth.ok) {
      ws.close(CLOSE.unauthorized, auth.error.code);
      return;
    }
    if (ws.readyState !== ws.OPEN) return;
    const connection = new Connection(ws, auth.value, this.deps, this.config, this.frames);
    this.connections.add(connection);
    this.deps.metrics.openSockets.inc();
    (ws as AdmittedSocket)[CONNECTION] = connection;
    ws.on('pong', this.listeners.pong);
    ws.on('message', this.listeners.message);
    ws.on('error', this.listeners.error);
    ws.on('close', this.listeners.close);
    try {
      await connection.start();
      connection.send({ type: 'ready', userId: connection.userId, connectionId: connection.id });
    } catch (error) {
      // A dependency away is the outage readiness already reports (a warning, as for commands); anything else is ours.
      if (error instanceof DependencyUnavailable)
        this.deps.logger.warn('socket start refused: dependency unavailable', { dependency: error.dependency });
      else this.deps.logger.error('socket start failed', { error: String(error) });
      ws.close(CLOSE.tryAgainLater, 'try again later');
    }
  }

  private async onFrame(connection: Connection, data: string | null): Promise<void> {
    const frame = data === null ? null : parseCommand(data);
    if (!frame)
      return connection.send({
        type: 'error',
        id: data === null ? null : idOfMalformed(data),
        error: { code: 'malformed_frame', message: 'frames are JSON objects with a string "type"' },
      });
    if (!connection.takeCommand())
      return connection.send({
        type: 'error',
        id: frame.id,
        error: { code: 'rate_limited', message: 'too many frames; slow down' },
      });
    const problems = inputProblems(frame);
    if (problems.length > 0)
      return connection.send({
        type: 'error',
        id: frame.id,
        error: {
          code: 'validation_failed',
          message: `${problems[0]!.field} ${problems[0]!.message}`,
          details: problems,
        },
      });
    // The frame's shape as the AsyncAPI document gives it (unknown fields refused, as over REST); meaning: the core.
    const shape = COMMANDS[frame.type]?.validate(
      { ...frame, id: frame.id === '' ? undefined : frame.id },
      { abortEarly: true, convert: false, allowUnknown: false },
    );
    if (shape?.error) {
      const detail = shape.error.details[0]!;
      const field = detail.path.join('.') || 'frame';
      const message = detail.message.replace(/^"[^"]*" /, '');
      return connection.send({
        type: 'error',
        id: frame.id,
        error: { code: 'validation_failed', message: `${field} ${message}`, details: [{ field, message }] },
      });
    }
    try {
      await this.dispatch(connection, frame);
    } catch (error) {
      if (error instanceof DependencyUnavailable) {
        this.deps.logger.warn('socket command: dependency unavailable', {
          type: frame.type,
          dependency: error.dependency,
        });
        return connection.send({
          type: 'error',
          id: frame.id,
          error: { code: `${error.dependency}_unavailable`, message: error.message },
        });
      }
      this.deps.logger.error('socket command failed', { type: frame.type, error: String(error) });
      connection.send({
        type: 'error',
        id: frame.id,
        error: { code: 'internal_error', message: 'something went wrong on our side' },
      });
    }
  }

  private async dispatch(connection: Connection, frame: CommandFrame): Promise<void> {
    if (frame.type === 'ping') return connection.send({ type: 'pong', id: frame.id });
    if (frame.type === 'auth') {
      const auth = await this.deps.modules.identity.authenticate.execute(
        typeof frame.token === 'string' ? frame.token : undefined,
      );
      if (!auth.ok || auth.value.user.id !== connection.userId)
        return connection.send({
          type: 'error',
          id: frame.id,
          error: { code: 'invalid_token', message: 'token is invalid or for another user' },
        });
      connection.reauthenticate(auth.value);
      return connection.send({ type: 'ack', id: frame.id, result: { expiresAt: auth.value.expiresAt } });
    }
    if (frame.type === 'presence.away' || frame.type === 'presence.online') {
      await this.deps.modules.delivery.trackPresence.execute({
        kind: frame.type === 'presence.away' ? 'away' : 'back',
        userId: connection.userId,
      });
      return connection.send({ type: 'ack', id: frame.id, result: null });
    }
    const result = await runCommand(this.deps.modules, connection.userId, frame);
    if (result.ok) connection.send({ type: 'ack', id: frame.id, result: result.value ?? null });
    else
      connection.send({
        type: 'error',
        id: frame.id,
        error: { code: result.error.code, message: result.error.message },
      });
  }

  private closeExpired(now: number): void {
    for (const connection of this.connections)
      if (connection.expired(now)) connection.socket.close(CLOSE.unauthorized, 'token expired');
  }

  /** @internal What the shared socket listeners call. */
  pong(connection: Connection): void {
    connection.alive = true;
    void this.deps.modules.delivery.trackPresence.execute({
      kind: 'heartbeat',
      userId: connection.userId,
      connectionId: connection.id,
    });
  }

  /** @internal */
  frame(connection: Connection, text: string | null): void {
    void this.onFrame(connection, text);
  }

  /** @internal */
  socketError(connection: Connection, error: Error): void {
    this.deps.logger.warn('socket error', { connectionId: connection.id, error: String(error) });
  }

  /** @internal */
  closed(connection: Connection): void {
    this.connections.delete(connection);
    this.deps.metrics.openSockets.dec();
    void connection.stop().catch((error) => this.deps.logger.error('socket clean-up failed', { error: String(error) }));
  }

  private sweep(): void {
    for (const connection of this.connections) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
      // Also bounds how long a socket outlives a revocation whose invalidation was lost (cache TTL + this period).
      connection.recheck().catch(() => undefined);
    }
  }
}

function listenersOf(gateway: WebSocketGateway) {
  return {
    pong(this: WebSocket) {
      gateway.pong((this as AdmittedSocket)[CONNECTION]);
    },
    message(this: WebSocket, data: RawData, isBinary: boolean) {
      gateway.frame((this as AdmittedSocket)[CONNECTION], isBinary ? null : data.toString());
    },
    error(this: WebSocket, error: Error) {
      gateway.socketError((this as AdmittedSocket)[CONNECTION], error);
    },
    close(this: WebSocket) {
      gateway.closed((this as AdmittedSocket)[CONNECTION]);
    },
  };
}
