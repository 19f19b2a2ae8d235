import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { once } from 'node:events';
import { MongoNetworkError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { failWritesOnClosedSockets, patchDriver, type DriverConnection } from './driver-patches.js';

/** What the driver's writeCommand does (connection.ts): an await, then write, then wait for 'drain' if it is full. */
class FakeConnection implements DriverConnection {
  id = '<monitor>';
  address = '127.0.0.1:27017';
  errors: Error[] = [];
  constructor(
    public socket: Socket,
    private readonly before: Promise<void> = Promise.resolve(),
  ) {}
  onError(error: Error): void {
    this.errors.push(error);
    this.socket.destroy();
  }
  async writeCommand(): Promise<void> {
    await this.before;
    if (this.socket.write(Buffer.from('hello'))) return;
    await once(this.socket, 'drain');
  }
}
class Patched extends FakeConnection {}
failWritesOnClosedSockets(Patched);

const pending = async (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => 'settled',
      () => 'settled',
    ),
    new Promise((r) => setTimeout(() => r('pending'), 100)),
  ]);

describe('writes on a socket that is already closed (the driver waits for a drain that never comes)', () => {
  it('unpatched, a write on a destroyed socket never settles: the hang the patch is for', async () => {
    const socket = new Socket();
    socket.destroy();
    expect(await pending(new FakeConnection(socket).writeCommand())).toBe('pending');
  });

  it('patched, it fails as a network error at once, and the connection is told', async () => {
    const socket = new Socket();
    socket.destroy();
    const connection = new Patched(socket);
    await expect(connection.writeCommand()).rejects.toBeInstanceOf(MongoNetworkError);
    expect(connection.errors).toHaveLength(1);
  });

  it('patched, a socket closed while the write is on its way fails it too', async () => {
    let release = () => {};
    const socket = new Socket();
    const connection = new Patched(socket, new Promise<void>((r) => (release = r)));
    const written = connection.writeCommand();
    socket.destroy();
    release();
    await expect(written).rejects.toThrow(/closed while writing/);
  });

  it('patched, a write that goes through settles as before and leaves no listener behind', async () => {
    const socket = new Socket();
    socket.write = () => true;
    const before = socket.listenerCount('close');
    await new Patched(socket).writeCommand();
    expect(socket.listenerCount('close')).toBe(before);
    socket.destroy();
  });

  it("patches the driver's own Connection, once", () => {
    const { Connection } = createRequire(import.meta.url)('mongodb/lib/cmap/connection.js');
    patchDriver();
    const patched = Connection.prototype.writeCommand;
    patchDriver();
    expect(Connection.prototype.writeCommand).toBe(patched);
    expect(patched.toString()).toContain('closed while writing');
  });
});
