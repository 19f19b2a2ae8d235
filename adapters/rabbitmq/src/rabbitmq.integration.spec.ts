import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobQueueContract } from '@parley/core/testkit';
import { RabbitJobQueue } from './rabbitmq-job-queue.js';

let url: string;
let stop = async () => {};

/** AMQP_URL when set (CI), else a throwaway rabbitmq container when Docker is reachable. */
beforeAll(async () => {
  if (process.env.AMQP_URL) url = process.env.AMQP_URL;
  else {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('rabbitmq:3.13').withExposedPorts(5672).start();
    stop = async () => { await container.stop(); };
    url = `amqp://guest:guest@${container.getHost()}:${container.getMappedPort(5672)}`;
  }
});

afterAll(async () => stop());

/** A fresh queue-name prefix per test, with short backoffs. */
const fresh = (maxAttempts = 5) => new RabbitJobQueue({ url, prefix: `parley-test-${randomUUID().slice(0, 8)}`, backoffMs: () => 50, maxAttempts });

jobQueueContract({ describe, it }, async () => {
  const queue = fresh();
  return { port: queue, teardown: () => queue.close() };
});

/** Whether this machine can tell the local broker to drop every connection (CI can: rabbitmq-server is local). */
const canDropConnections = (() => {
  try {
    execFileSync('rabbitmqctl', ['--quiet', 'status'], { stdio: 'ignore', timeout: 15_000 });
    return Boolean(process.env.AMQP_URL);
  } catch {
    return false;
  }
})();

describe('RabbitJobQueue', () => {
  it('reconnects and resumes consuming after the broker drops its connections', async () => {
    if (!canDropConnections) throw new Error('this test drops the broker\'s connections with rabbitmqctl: run it against the local broker of scripts/services.sh');
    const prefix = `parley-test-${randomUUID().slice(0, 8)}`;
    const consumer = new RabbitJobQueue({ url, prefix });
    const got: unknown[] = [];
    await consumer.consume('notify.message', async (job) => { got.push(job.payload.n); return 'ack'; });
    execFileSync('rabbitmqctl', ['--quiet', 'close_all_connections', 'parley reconnect test'], { stdio: 'ignore', timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    const producer = new RabbitJobQueue({ url, prefix });
    await producer.enqueue('notify.message', { n: 1 });
    for (let i = 0; i < 200 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([1]);
    await producer.close();
    await consumer.close();
  }, 30_000);

  it('dead-letters a job that keeps failing', async () => {
    const queue = fresh(3);
    const attempts: number[] = [];
    await queue.consume('notify.message', async (job) => { attempts.push(job.attempt); return 'retry'; });
    await queue.enqueue('notify.message', { messageId: 'm' }, { id: 'doomed' });
    for (let i = 0; i < 100 && attempts.length < 3; i += 1) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    expect(attempts).toEqual([1, 2, 3]);
    expect((await queue.peekDead('notify.message')).map((j) => j.id)).toEqual(['doomed']);
    await queue.close();
  });

  it('keeps a job that was published before any consumer, across a new connection', async () => {
    const prefix = `parley-test-${randomUUID().slice(0, 8)}`;
    const producer = new RabbitJobQueue({ url, prefix });
    await producer.enqueue('media.process', { mediaId: 'x' });
    await producer.close();
    const consumer = new RabbitJobQueue({ url, prefix });
    const got: unknown[] = [];
    await consumer.consume('media.process', async (job) => { got.push(job.payload); return 'ack'; });
    for (let i = 0; i < 100 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ mediaId: 'x' }]);
    await consumer.close();
  });
});
