import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { MongoNetworkError } from 'mongodb';

/** The parts of the driver's (internal) Connection class this patch touches. */
export interface DriverConnection {
  id: number | string;
  address: string;
  socket: Socket;
  onError(error: Error): void;
  writeCommand(command: unknown, options: unknown): Promise<void>;
}

const PATCHED = Symbol.for('parley.mongodb.failWritesOnClosedSockets');

/**
 * The official driver (6.22, and 7.9.1 the same) writes a command with `socket.write` and, when that returns false,
 * waits for 'drain'. A socket destroyed before or during that wait (a reset the connection has not handled yet: its
 * 'close' comes a tick later) never drains and never errors again, and no socketTimeoutMS fires on a destroyed
 * socket, so the command waits forever. When the command is the server monitor's heartbeat, the monitor never
 * checks again and the client stays at "server unknown": every operation fails server selection until the process
 * restarts. The soak found it (scripts/soak: a busy node cut off from the database, then never ready again);
 * docs/operations.md tells it. This makes such a write fail as the network error it is, which the driver already
 * handles: the connection closes, the pool is cleared, the monitor checks again.
 */
export function failWritesOnClosedSockets(connectionClass: { prototype: DriverConnection }): void {
  const proto = connectionClass.prototype as DriverConnection & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const write = proto.writeCommand;
  // A driver whose internals moved must not run unpatched without anyone knowing (driver-patches.spec.ts).
  if (typeof write !== 'function') throw new Error('mongodb driver: Connection.writeCommand not found to patch');
  proto.writeCommand = function (this: DriverConnection, command: unknown, options: unknown): Promise<void> {
    const socket = this.socket;
    let onClose = (): void => undefined;
    const closed = new Promise<never>((_, reject) => {
      onClose = () => {
        const error = new MongoNetworkError(`connection ${this.id} to ${this.address} closed while writing`);
        this.onError(error);
        reject(error);
      };
      if (socket.destroyed) onClose();
      else socket.once('close', onClose);
    });
    return Promise.race([write.call(this, command, options), closed]).finally(() => socket.off('close', onClose));
  };
  proto[PATCHED] = true;
}

/** Applies the patches to the driver this package loads (its internal module: the driver exports no Connection). */
export function patchDriver(): void {
  const { Connection } = createRequire(import.meta.url)('mongodb/lib/cmap/connection.js') as {
    Connection: { prototype: DriverConnection };
  };
  failWritesOnClosedSockets(Connection);
}
