import { execFileSync } from 'node:child_process';
import amqp from 'amqplib';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_CONTRACT_RETRY, jobQueueContract } from '@parley/core/testkit';
import { RabbitJobQueue } from './rabbitmq-job-queue.js';

let url: string;
let stop = async () => {};

/** AMQP_URL when set (CI), else a throwaway rabbitmq container when Docker is reachable. */
beforeAll(async () => {
  if (process.env.AMQP_URL) url = process.env.AMQP_URL;
  else {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('rabbitmq:3.13').withExposedPorts(5672).start();
    stop = async () => {
      await container.stop();
    };
    url = `amqp://guest:guest@${container.getHost()}:${container.getMappedPort(5672)}`;
  }
});

afterAll(async () => stop());

/** A fresh queue-name prefix per test, with short backoffs. */
const fresh = () =>
  new RabbitJobQueue({ url, prefix: `parley-test-${randomUUID().slice(0, 8)}`, retry: JOB_CONTRACT_RETRY });

jobQueueContract({ describe, it }, async () => {
  const queue = fresh();
  return { port: queue, teardown: () => queue.destroy() };
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
    if (!canDropConnections)
      throw new Error(
        "this test drops the broker's connections with rabbitmqctl: run it against the local broker of " +
          'scripts/services.sh',
      );
    const prefix = `parley-test-${randomUUID().slice(0, 8)}`;
    const consumer = new RabbitJobQueue({ url, prefix });
    const got: unknown[] = [];
    await consumer.consume('notify.message', async (job) => {
      got.push(job.payload.n);
      return 'ack';
    });
    execFileSync('rabbitmqctl', ['--quiet', 'close_all_connections', 'parley reconnect test'], {
      stdio: 'ignore',
      timeout: 15_000,
    });
    await new Promise((r) => setTimeout(r, 500));
    const producer = new RabbitJobQueue({ url, prefix });
    await producer.enqueue('notify.message', { n: 1 });
    for (let i = 0; i < 200 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([1]);
    await producer.close();
    await consumer.destroy();
  }, 30_000);

  it('keeps a job that was published before any consumer, across a new connection', async () => {
    const prefix = `parley-test-${randomUUID().slice(0, 8)}`;
    const producer = new RabbitJobQueue({ url, prefix });
    await producer.enqueue('media.process', { mediaId: 'x' });
    await producer.close();
    const consumer = new RabbitJobQueue({ url, prefix });
    const got: unknown[] = [];
    await consumer.consume('media.process', async (job) => {
      got.push(job.payload);
      return 'ack';
    });
    for (let i = 0; i < 100 && got.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([{ mediaId: 'x' }]);
    await consumer.destroy();
  });

  it('a job whose worker dies before settling it, delivery after delivery, ends in the dead queue', async () => {
    const queue = new RabbitJobQueue({ url, prefix: `parley-test-${randomUUID().slice(0, 8)}`, deliveryLimit: 2 });
    await queue.enqueue('media.process', { mediaId: 'poison' }, { id: 'poison' });
    const connection = await amqp.connect(url);
    for (let delivery = 1; delivery <= 3; delivery += 1) {
      // A worker that takes the job and dies: its channel closes with the job unacknowledged.
      const channel = await connection.createChannel();
      const taken = await channel.get(queue.queues('media.process').work, { noAck: false });
      expect(taken && JSON.parse(taken.content.toString()).id).toBe('poison');
      await channel.close();
    }
    let dead = await queue.listDead('media.process', 10);
    for (let i = 0; i < 100 && dead.length === 0; i += 1)
      dead = await new Promise((r) => setTimeout(r, 50)).then(() => queue.listDead('media.process', 10));
    expect(dead.map((j) => [j.id, j.reason])).toEqual([
      ['poison', 'delivery limit: its worker stopped before finishing it too many times'],
    ]);
    await connection.close();
    await queue.destroy();
  });
});
