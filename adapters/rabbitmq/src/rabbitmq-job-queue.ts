import amqp, {
  type Channel,
  type ChannelModel,
  type ConfirmChannel,
  type ConsumeMessage,
  type GetMessage,
} from 'amqplib';
import {
  DEFAULT_RETRY_POLICY,
  DependencyUnavailable,
  JOB_NAMES,
  retryDelay,
  type DeadJob,
  type Job,
  type JobHandler,
  type JobName,
  type JobQueue,
  type Logger,
  type RetryPolicy,
} from '@parley/core';
import { deathOf, declareJobQueues, deleteJobQueues, queuesOf, type JobQueues } from './topology.js';

export interface RabbitOptions {
  url: string;
  /** Prefix of every queue name (one per deployment, or per test). */
  prefix?: string;
  prefetch?: number;
  retry?: Partial<RetryPolicy>;
  /** Deliveries of one job whose worker never settled it (it crashed) before the job is dead. */
  deliveryLimit?: number;
  logger?: Logger;
}

type Headers = Record<string, string>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Jobs on RabbitMQ quorum queues (see topology.ts). Publishing waits for the broker's confirm; consumers
 * ack by hand with a prefetch, so a job leaves its queue only after its handler finished and its retry or
 * dead-letter copy was confirmed. A retry waits in the queue of its delay, so a short backoff never waits
 * behind a long one.
 *
 * Connection: the first use connects (retrying for about two minutes, for servers starting together).
 * Once connected, a lost connection is re-established in the background, for as long as it takes, and the
 * consumers resume; meanwhile `enqueue` fails at once with DependencyUnavailable('queue') instead of
 * waiting, so callers keep their jobs in their outbox.
 */
/** How long connecting (TCP and the AMQP handshake) may take before the attempt fails and is retried. */
export const CONNECT_TIMEOUT_MS = 10_000;

export class RabbitJobQueue implements JobQueue {
  private connection: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;
  private consuming = new Set<JobName>();
  private connecting: Promise<ConfirmChannel> | null = null;
  private everConnected = false;
  private closed = false;
  private readonly consumers = new Map<JobName, JobHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly prefix: string;
  private readonly policy: RetryPolicy;

  constructor(private readonly options: RabbitOptions) {
    this.prefix = options.prefix ?? 'parley';
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  queues(name: JobName): JobQueues {
    return queuesOf(this.prefix, name);
  }

  async enqueue(name: JobName, payload: Record<string, unknown>, opts: { id?: string } = {}): Promise<void> {
    const id = opts.id ?? `${name}:${Date.now()}:${Math.random().toString(36).slice(2)}`;
    await this.publish(await this.ready(), this.queues(name).work, { id, name, payload, attempt: 1 });
  }

  async consume(name: JobName, handler: JobHandler): Promise<void> {
    this.consumers.set(name, handler);
    if (this.channel) await this.startConsumer(this.channel, name, handler);
    else if (!this.everConnected) await this.ready(); // connecting starts every registered consumer
  }

  /** Connected (connecting first if this queue never was); false while the broker is away. */
  async ping(): Promise<boolean> {
    if (this.channel) return true;
    if (this.everConnected) return false;
    return this.ready().then(
      () => true,
      () => false,
    );
  }

  async listDead(name: JobName, limit: number): Promise<DeadJob[]> {
    return this.withChannel(false, async (channel) => {
      const out: DeadJob[] = [];
      while (out.length < limit) {
        const message = await channel.get(this.queues(name).dead, { noAck: false });
        if (!message) break;
        const job = parseJob(message);
        if (job) out.push({ ...job, ...deathOf(message.properties.headers) });
      }
      return out.sort((a, b) => a.diedAt.getTime() - b.diedAt.getTime());
    }); // closing the channel puts every message it took back in the queue
  }

  async retryDead(name: JobName, ids?: readonly string[]): Promise<string[]> {
    const wanted = ids ? new Set(ids) : null;
    return this.withChannel(true, async (channel) => {
      const retried: string[] = [];
      // Only what was dead when asked: a retried job that dies again at once is not taken a second time.
      const { messageCount } = await channel.checkQueue(this.queues(name).dead);
      for (let taken = 0; taken < messageCount; taken += 1) {
        const message = await channel.get(this.queues(name).dead, { noAck: false });
        if (!message) break;
        const job = parseJob(message);
        // left unacked: back in the queue on close
        if (!job || (wanted && !wanted.has(job.id)) || retried.includes(job.id)) continue;
        await this.publish(channel, this.queues(name).work, { ...job, attempt: 1 });
        channel.ack(message);
        retried.push(job.id);
      }
      return retried;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.inFlight]);
    await this.connection?.close().catch(() => undefined);
  }

  /** Deletes every queue of this prefix with the jobs in them, then closes (tests; removing a deployment). */
  async destroy(): Promise<void> {
    await this.withChannel(false, async (channel) => {
      for (const name of JOB_NAMES) await deleteJobQueues(channel, this.queues(name), this.policy.retryDelaysMs);
    });
    await this.close();
  }

  private async withChannel<T>(confirm: boolean, use: (channel: ConfirmChannel) => Promise<T>): Promise<T> {
    await this.ready();
    const connection = this.connection;
    if (!connection) throw new DependencyUnavailable('queue');
    const channel = (
      confirm ? await connection.createConfirmChannel() : await connection.createChannel()
    ) as ConfirmChannel;
    channel.on('error', (error) => this.options.logger?.warn('amqp channel error', { error: String(error) }));
    try {
      return await use(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  private async publish(channel: ConfirmChannel, queue: string, job: Job, headers?: Headers): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        channel.sendToQueue(
          queue,
          Buffer.from(JSON.stringify(job)),
          { persistent: true, contentType: 'application/json', messageId: job.id, headers },
          (error) => (error ? reject(error) : resolve()),
        );
      });
    } catch (error) {
      // The channel closed before the broker confirmed: the job may or may not be queued (at least once).
      throw new DependencyUnavailable('queue', { cause: error });
    }
  }

  private ready(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    if (this.closed) return Promise.reject(new Error('the job queue is closed'));
    if (this.everConnected) return Promise.reject(new DependencyUnavailable('queue')); // reconnecting in the background
    this.connecting ??= this.connectWithRetries(30).finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connectWithRetries(maxAttempts: number): Promise<ConfirmChannel> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.connectOnce();
      } catch (error) {
        if (this.closed || attempt + 1 >= maxAttempts) throw error;
        this.options.logger?.warn('amqp connect failed; retrying', { attempt, error: String(error) });
        await sleep(Math.min(5000, 200 * 2 ** attempt));
      }
    }
  }

  private async connectOnce(): Promise<ConfirmChannel> {
    // A broker that takes the connection but never finishes the handshake (one stopping or starting) fails the
    // attempt after CONNECT_TIMEOUT_MS instead of holding it, and a start, forever.
    const connection = await amqp.connect(this.options.url, { timeout: CONNECT_TIMEOUT_MS });
    // Listened to at once: the broker may go away while the channel and queues are set up, and an 'error' nobody
    // listens to is thrown out of amqplib's socket handler and ends the process (the soak's worker, 2026-12-04).
    connection.on('error', (error) => this.options.logger?.warn('amqp connection error', { error: String(error) }));
    try {
      if (this.closed) throw new Error('the job queue is closed');
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error) => this.options.logger?.warn('amqp channel error', { error: String(error) }));
      await channel.prefetch(this.options.prefetch ?? 8);
      for (const name of JOB_NAMES)
        await declareJobQueues(channel, this.queues(name), this.policy.retryDelaysMs, this.options.deliveryLimit ?? 5);
      connection.on('close', () => this.onClose(connection));
      // A channel closed by the broker (an error on it) takes the connection down too, so that all of it is rebuilt.
      channel.on('close', () => void connection.close().catch(() => undefined));
      this.connection = connection;
      this.channel = channel;
      this.consuming = new Set();
      this.everConnected = true;
      for (const [name, handler] of this.consumers) await this.startConsumer(channel, name, handler);
      return channel;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }

  private onClose(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = null;
    this.channel = null;
    if (this.closed) return;
    this.options.logger?.warn('amqp connection closed; reconnecting');
    this.connecting ??= this.connectWithRetries(Infinity).finally(() => {
      this.connecting = null;
    });
    this.connecting.then(
      () => this.options.logger?.info('amqp reconnected'),
      () => undefined,
    );
  }

  private async startConsumer(channel: Channel, name: JobName, handler: JobHandler): Promise<void> {
    if (this.consuming.has(name)) return;
    this.consuming.add(name);
    await channel.consume(
      this.queues(name).work,
      (message) => {
        if (!message) return;
        const run = this.handle(channel, name, handler, message);
        this.inFlight.add(run);
        void run.finally(() => this.inFlight.delete(run));
      },
      { noAck: false },
    );
  }

  private async handle(channel: Channel, name: JobName, handler: JobHandler, message: ConsumeMessage): Promise<void> {
    const job = parseJob(message);
    if (!job) {
      channel.nack(message, false, false); // dead-lettered by the work queue
      return;
    }
    let outcome: Awaited<ReturnType<JobHandler>>;
    let failure = '';
    try {
      outcome = await handler(job);
    } catch (error) {
      this.options.logger?.error('job failed', { job: name, id: job.id, attempt: job.attempt, error: String(error) });
      outcome = 'retry';
      failure = String(error);
    }
    try {
      const queues = this.queues(name);
      const publishOn = await this.ready();
      if (outcome === 'retry' && job.attempt < this.policy.maxAttempts) {
        await this.publish(publishOn, queues.retry(retryDelay(this.policy, job.attempt)), {
          ...job,
          attempt: job.attempt + 1,
        });
      } else if (outcome !== 'ack') {
        const reason =
          outcome === 'dead'
            ? 'its handler gave up'
            : `failed ${job.attempt} times${failure ? `; last error: ${failure}` : ''}`;
        await this.publish(publishOn, queues.dead, job, {
          'x-parley-reason': reason,
          'x-parley-died-at': new Date().toISOString(),
        });
      }
      channel.ack(message);
    } catch (error) {
      // Not acked: the broker delivers it again (at least once; handlers are idempotent).
      this.options.logger?.error('could not settle job', { job: name, id: job.id, error: String(error) });
    }
  }
}

function parseJob(message: ConsumeMessage | GetMessage): Job | null {
  try {
    const job = JSON.parse(message.content.toString()) as Job;
    return typeof job?.id === 'string' && typeof job.attempt === 'number' ? job : null;
  } catch {
    return null;
  }
}
