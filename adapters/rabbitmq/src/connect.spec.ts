import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

/**
 * A connection whose broker goes away while the queue sets it up (its channel, prefetch, queues): amqplib emits
 * 'error' on the connection from its socket handler, then 'close'. In the soak (2026-12-04) a worker restarted
 * during a RabbitMQ restart died of that 'error', thrown because nobody listened to it yet.
 */
class LostDuringSetup extends EventEmitter {
  async createConfirmChannel(): Promise<never> {
    setImmediate(() => {
      this.emit('error', Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' }));
      this.emit('close');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    throw new Error('Connection closed (by the test)');
  }
  async close(): Promise<void> {}
}

const made: LostDuringSetup[] = [];
vi.mock('amqplib', () => ({
  default: {
    connect: vi.fn(async () => {
      const connection = new LostDuringSetup();
      made.push(connection);
      return connection;
    }),
  },
}));

describe('RabbitJobQueue connecting', () => {
  it('survives a broker lost while the connection is set up, and tries again', async () => {
    const { RabbitJobQueue } = await import('./rabbitmq-job-queue.js');
    const warnings: string[] = [];
    const logger = { warn: (message: string) => warnings.push(message), info: () => {}, error: () => {} };
    const queue = new RabbitJobQueue({ url: 'amqp://127.0.0.1:1', logger: logger as never });
    const enqueued = queue.enqueue('notify.message', {}).catch((error: unknown) => error);
    // An 'error' event nobody listens to would be thrown here, failing the test as an uncaught exception.
    await vi.waitFor(() => expect(made.length).toBeGreaterThanOrEqual(2), { timeout: 3000 });
    expect(warnings).toContain('amqp connection error');
    expect(warnings).toContain('amqp connect failed; retrying');
    await queue.close();
    expect(await enqueued).toBeInstanceOf(Error);
  });
});
