import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { Jimp } from 'jimp';
import { RabbitJobQueue } from '@parley/adapter-rabbitmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call as callAt,
  eventually,
  freePort,
  services,
  sleep,
  startApi,
  startProcess,
  workerMain,
  type Running,
} from './fault-kit.js';
import { dropDatabase } from './testkit/drop-database.js';

/**
 * RabbitMQ and worker faults, on every real server: an API node that only queues jobs (RUN_JOBS=false)
 * and worker processes that run them, with notifications to a webhook this test serves, so that every
 * job's visible effect (a notification, a processed image) can be counted.
 */
for (const name of ['MONGO_URL', 'REDIS_URL', 'AMQP_URL', 'S3_BUCKET'])
  if (!process.env[name]) throw new Error(`${name} is required (eval "$(scripts/services.sh env)")`);
const id = randomUUID().slice(0, 8);
const prefix = `parley-qfaults-${id}`;
const cliMain = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const mongoUrl = (() => {
  const url = new URL(process.env.MONGO_URL!);
  url.pathname = `/parley_qfaults_${id}`;
  return url.toString();
})();

/** The webhook receiver: every notification delivered, by message id. */
const notified: { messageId: string; userId: string }[] = [];
let hook: Server;
let env: Record<string, string>;
let api: Running & { base: string };
const workers: Running[] = [];

const call = (method: string, path: string, body?: unknown, token?: string, ms?: number) =>
  callAt(api.base, method, path, body, token, ms);
const startWorker = () => {
  const worker = startProcess(workerMain, env);
  workers.push(worker);
  return worker;
};

async function signUp(
  name: string,
  email = `${name}-${id}@qfaults.test`,
): Promise<{ accessToken: string; user: { id: string } }> {
  return (
    await call('POST', '/api/v1/auth/register', { email, username: `${name}_${id}`, password: 'correct horse battery' })
  ).body;
}

/**
 * Registers, uploads and confirms an image; returns its media id (confirmation answers even while the queue is down).
 */
async function uploadImage(token: string, width: number, height: number): Promise<string> {
  const bytes = new Uint8Array(await new Jimp({ width, height, color: 0x3366ccff }).getBuffer('image/png'));
  const ticket = (
    await call(
      'POST',
      '/api/v1/media/upload',
      { filename: 'photo.png', contentType: 'image/png', size: bytes.length },
      token,
    )
  ).body;
  expect((await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: bytes })).ok).toBe(true);
  const confirmed = await call('POST', `/api/v1/media/${ticket.id}/confirm`, undefined, token, 9000);
  expect([confirmed.status, confirmed.body.status]).toEqual([200, 'uploaded']);
  return ticket.id;
}

const mediaOf = async (token: string, mediaId: string) =>
  (await call('GET', `/api/v1/media/${mediaId}`, undefined, token)).body;
/** Lines of a worker's log saying a job of this id finished with this outcome. */
const finished = (worker: Running, jobId: string) =>
  worker
    .output()
    .split('\n')
    .filter((line) => line.includes(jobId) && line.includes('"outcome"'));

/** The admin CLI, as an operator runs it (logged in through PARLEY_CONFIG_DIR). */
function parley(...args: string[]): string {
  return execFileSync(process.execPath, [cliMain, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      PARLEY_CONFIG_DIR: `/tmp/parley-qfaults-cli-${id}`,
      PARLEY_PASSWORD: 'correct horse battery',
    },
  });
}

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const { notification } = JSON.parse(body) as { notification: { messageId: string; userId: string } };
      notified.push({ messageId: notification.messageId, userId: notification.userId });
      res.writeHead(204).end();
    });
  });
  const hookPort = await freePort();
  await new Promise<void>((resolve) => hook.listen(hookPort, '127.0.0.1', resolve));
  env = {
    LOG_LEVEL: 'info',
    JWT_SECRET: 'queue-faults-secret-'.padEnd(48, 'q'),
    MONGO_URL: mongoUrl,
    REDIS_PREFIX: `parley-qfaults:${id}:`,
    AMQP_PREFIX: prefix,
    S3_BUCKET: `parley-qfaults-${id}`,
    S3_FORCE_PATH_STYLE: 'true',
    TRUST_PROXY_HOPS: '1',
    RUN_JOBS: 'false',
    JOB_RETRY_DELAYS_MS: '200,1000',
    NOTIFY_WEBHOOK_URL: `http://127.0.0.1:${hookPort}/hook`,
    NOTIFY_WEBHOOK_SECRET: 'queue-faults-webhook-secret',
    ADMIN_EMAILS: `admin-${id}@qfaults.test`,
  };
  api = await startApi(env);
  await startWorker().printed('Parley worker consuming');
}, 120_000);

afterAll(async () => {
  services('start', 'rabbitmq');
  for (const worker of workers) worker.child.kill('SIGKILL');
  api?.child.kill('SIGKILL');
  hook?.close();
  await new RabbitJobQueue({ url: process.env.AMQP_URL!, prefix }).destroy();
  await dropDatabase(mongoUrl);
});

describe('RabbitMQ stopped and restarted under a running API and worker', () => {
  it('acknowledges sends and uploads during the outage, then runs every job once when the broker is back', async () => {
    const [ann, bob] = [await signUp('ann'), await signUp('bob')];
    const dm = (
      await call('POST', '/api/v1/conversations', { kind: 'direct', memberIds: [bob.user.id] }, ann.accessToken)
    ).body;

    services('stop', 'rabbitmq');
    const stopped = Date.now();
    const ready = await call('GET', '/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.checks).toMatchObject({ rabbitmq: false, mongodb: true, redis: true });
    const acknowledged: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      // Mentions get through the burst rule: every message is one notification for Bob, who is offline.
      const sent = await call(
        'POST',
        `/api/v1/conversations/${dm.id}/messages`,
        { content: `during ${i}`, clientMessageId: `q-${i}`, metadata: { mentions: [bob.user.id] } },
        ann.accessToken,
      );
      expect(sent.status).toBe(201);
      acknowledged.push(sent.body.id);
    }
    const mediaId = await uploadImage(ann.accessToken, 640, 480);
    await sleep(Math.max(0, 10_000 - (Date.now() - stopped)));
    expect(notified).toEqual([]);
    services('start', 'rabbitmq');
    const restarted = Date.now();

    expect(await eventually(async () => (await call('GET', '/ready')).status === 200, 30_000)).toBe(true);
    const readyIn = Date.now() - restarted;
    const done = await eventually(
      async () => notified.length >= 10 && (await mediaOf(ann.accessToken, mediaId)).status === 'ready',
      60_000,
    );
    const effectsIn = Date.now() - restarted;
    await sleep(2000); // anything run twice would show up now
    expect(done).toBe(true);
    expect(notified.map((n) => n.messageId).sort()).toEqual([...acknowledged].sort());
    expect(notified.every((n) => n.userId === bob.user.id)).toBe(true);
    expect((await mediaOf(ann.accessToken, mediaId)).thumbnails).toHaveLength(2);
    process.stdout.write(
      `rabbitmq outage: 10 sends and 1 upload during 10 s without the broker, all acknowledged; /ready 200 ` +
        `${readyIn} ms after restart; ` +
        `${notified.length} notifications for 10 messages (0 lost, 0 duplicates) and the image processed ` +
        `${effectsIn} ms after restart (outbox relay)\n`,
    );
  }, 180_000);
});

describe('a worker killed with kill -9 in the middle of a job', () => {
  it('loses nothing: the broker hands the job to the next worker, which completes it once', async () => {
    const cat = await signUp('cat');
    const connection = await amqp.connect(process.env.AMQP_URL!);
    const channel = await connection.createChannel();
    const mediaId = await uploadImage(cat.accessToken, 6000, 4000);
    const jobId = `media:${mediaId}`;
    // Taken (delivered, unacknowledged) by the running worker, and not finished: that is mid-job.
    expect(
      await eventually(
        async () => (await channel.checkQueue(`${prefix}.jobs.media.process`)).messageCount === 0,
        10_000,
      ),
    ).toBe(true);
    const victim = workers.at(-1)!;
    victim.child.kill('SIGKILL');
    const killed = Date.now();
    await new Promise((resolve) =>
      victim.child.exitCode !== null ? resolve(null) : victim.child.once('exit', resolve),
    );
    expect((await mediaOf(cat.accessToken, mediaId)).status).toBe('uploaded');
    expect(finished(victim, jobId)).toEqual([]);

    const next = startWorker();
    await next.printed('Parley worker consuming');
    expect(await eventually(async () => (await mediaOf(cat.accessToken, mediaId)).status === 'ready', 60_000)).toBe(
      true,
    );
    const completedIn = Date.now() - killed;
    await sleep(1000);
    expect(finished(next, jobId)).toHaveLength(1);
    expect(finished(next, jobId)[0]).toContain('"outcome":"ack"');
    expect((await mediaOf(cat.accessToken, mediaId)).thumbnails.map((t: { width: number }) => t.width)).toEqual([
      320, 800,
    ]);
    process.stdout.write(
      `worker kill -9: job ${jobId} taken by worker 1, killed mid-job; redelivered to worker 2 and completed once, ` +
        `${completedIn} ms after the kill\n`,
    );
    await connection.close();
  }, 120_000);
});

describe('a job that keeps killing its worker', () => {
  it('ends in the dead-letter queue, where the CLI lists it and runs it again', async () => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    await signUp('admin', `admin-${id}@qfaults.test`);
    const dan = await signUp('dan');
    const mediaId = await uploadImage(dan.accessToken, 320, 200);
    const connection = await amqp.connect(process.env.AMQP_URL!);
    // Workers that take the job and die before settling it, until the broker's delivery limit (5) dead-letters it.
    let deliveries = 0;
    for (; deliveries < 12; deliveries += 1) {
      const channel = await connection.createChannel();
      const taken = await channel.get(`${prefix}.jobs.media.process`, { noAck: false });
      await channel.close();
      if (!taken) break;
    }
    expect(deliveries).toBe(6);
    await connection.close();

    parley('login', '--url', api.base, '--login', `admin_${id}`);
    let dead: { id: string; reason: string }[] = [];
    expect(
      await eventually(
        () => (dead = JSON.parse(parley('jobs', 'dead', 'list', 'media.process', '--json')).data).length === 1,
        10_000,
      ),
    ).toBe(true);
    expect(dead[0]).toMatchObject({
      id: `media:${mediaId}`,
      reason: 'delivery limit: its worker stopped before finishing it too many times',
    });
    expect(parley('jobs', 'dead', 'list', 'media.process')).toContain(`media:${mediaId}`);
    expect(parley('jobs', 'dead', 'retry', 'media.process')).toContain(
      `1 media.process job(s) queued again: media:${mediaId}`,
    );
    await startWorker().printed('Parley worker consuming');
    expect(await eventually(async () => (await mediaOf(dan.accessToken, mediaId)).status === 'ready', 30_000)).toBe(
      true,
    );
    expect(JSON.parse(parley('jobs', 'dead', 'list', 'media.process', '--json')).data).toEqual([]);
    process.stdout.write(
      `dead letters: a job that killed its worker ${deliveries} times was dead-lettered by the broker, listed by ` +
        `\`parley jobs dead list\`, ` +
        'run again by `parley jobs dead retry`, and completed\n',
    );
  }, 120_000);
});
