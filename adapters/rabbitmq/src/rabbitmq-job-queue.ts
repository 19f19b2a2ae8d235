import amqp, { type ChannelModel, type ConfirmChannel, type ConsumeMessage, type Message } from 'amqplib';
import type { Job, JobHandler, JobName, JobQueue, Logger } from '@parley/core';

export interface RabbitOptions {
  url: string;
  /** Prefix of every queue and exchange name (one per deployment, or per test). */
  prefix?: string;
  prefetch?: number;
  maxAttempts?: number;
  /** Delay before retry n (1-based), in ms. */
  backoffMs?: (attempt: number) => number;
  logger?: Logger;
}

/**
 * Jobs on RabbitMQ. Per job name: a durable work queue, a retry queue whose messages dead-letter back to
 * the work queue when their per-message TTL (the backoff) runs out, and a dead-letter queue for jobs that
 * failed maxAttempts times. Publishing waits for broker confirms; consumers ack manually with a prefetch,
 * so a job is removed only after its handler finished. After a broker restart the queue reconnects, with
 * backoff, and resumes its consumers.
 */
export class RabbitJobQueue implements JobQueue {
  private connection: ChannelModel | null = null;
  private channel: ConfirmChannel | null = null;
  private connecting: Promise<ConfirmChannel> | null = null;
  private readonly consumers = new Map<JobName, JobHandler>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;
  private readonly prefix: string;

  constructor(private readonly options: RabbitOptions) {
    this.prefix = options.prefix ?? 'parley';
  }

  private names(name: JobName) {
    const work = `${this.prefix}.${name}`;
    return { work, retry: `${work}.retry`, dead: `${work}.dead` };
  }

  async enqueue(name: JobName, payload: Record<string, unknown>, opts: { id?: string } = {}): Promise<void> {
    await this.publish(this.names(name).work, { id: opts.id ?? `${name}:${Date.now()}:${Math.random().toString(36).slice(2)}`, name, payload, attempt: 1 });
  }

  async consume(name: JobName, handler: JobHandler): Promise<void> {
    this.consumers.set(name, handler);
    await this.startConsumer(await this.ready(), name, handler);
  }

  /** Connects (declaring the queues) if not yet connected; false when the broker is unreachable. */
  async ping(): Promise<boolean> {
    try {
      await this.ready();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.inFlight]);
    await this.connection?.close().catch(() => undefined);
  }

  private async publish(queue: string, job: Job, expirationMs?: number): Promise<void> {
    const channel = await this.ready();
    await new Promise<void>((resolve, reject) => {
      channel.sendToQueue(queue, Buffer.from(JSON.stringify(job)), {
        persistent: true, contentType: 'application/json', messageId: job.id,
        ...(expirationMs !== undefined ? { expiration: String(Math.max(1, Math.round(expirationMs))) } : {}),
      }, (error) => (error ? reject(error) : resolve()));
    });
  }

  private ready(): Promise<ConfirmChannel> {
    if (this.channel) return Promise.resolve(this.channel);
    this.connecting ??= this.connect().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private async connect(): Promise<ConfirmChannel> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const connection = await amqp.connect(this.options.url);
        const channel = await connection.createConfirmChannel();
        await channel.prefetch(this.options.prefetch ?? 8);
        for (const name of ['media.process', 'notify.message', 'retention.sweep'] as JobName[]) await this.assertTopology(channel, name);
        connection.on('error', (error) => this.options.logger?.warn('amqp connection error', { error: String(error) }));
        connection.on('close', () => this.onClose());
        this.connection = connection;
        this.channel = channel;
        return channel;
      } catch (error) {
        if (this.closed || attempt >= 30) throw error;
        this.options.logger?.warn('amqp connect failed; retrying', { attempt, error: String(error) });
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * 2 ** attempt)));
      }
    }
  }

  private onClose(): void {
    this.connection = null;
    this.channel = null;
    if (this.closed) return;
    this.options.logger?.warn('amqp connection closed; reconnecting');
    void this.ready().then(async (channel) => {
      for (const [name, handler] of this.consumers) await this.startConsumer(channel, name, handler);
    }).catch((error) => this.options.logger?.error('amqp reconnect failed', { error: String(error) }));
  }

  private async assertTopology(channel: ConfirmChannel, name: JobName): Promise<void> {
    const { work, retry, dead } = this.names(name);
    await channel.assertQueue(work, { durable: true });
    await channel.assertQueue(retry, { durable: true, deadLetterExchange: '', deadLetterRoutingKey: work });
    await channel.assertQueue(dead, { durable: true });
  }

  private async startConsumer(channel: ConfirmChannel, name: JobName, handler: JobHandler): Promise<void> {
    await channel.consume(this.names(name).work, (message) => {
      if (!message) return;
      const run = this.handle(channel, name, handler, message);
      this.inFlight.add(run);
      void run.finally(() => this.inFlight.delete(run));
    }, { noAck: false });
  }

  private async handle(channel: ConfirmChannel, name: JobName, handler: JobHandler, message: ConsumeMessage): Promise<void> {
    let job: Job;
    try {
      job = JSON.parse(message.content.toString()) as Job;
    } catch {
      channel.nack(message, false, false);
      return;
    }
    let outcome: Awaited<ReturnType<JobHandler>>;
    try {
      outcome = await handler(job);
    } catch (error) {
      this.options.logger?.error('job failed', { job: name, id: job.id, attempt: job.attempt, error: String(error) });
      outcome = 'retry';
    }
    try {
      const { retry, dead } = this.names(name);
      if (outcome === 'retry' && job.attempt < (this.options.maxAttempts ?? 5)) {
        const delay = (this.options.backoffMs ?? ((n) => 1000 * 2 ** (n - 1)))(job.attempt);
        await this.publish(retry, { ...job, attempt: job.attempt + 1 }, delay);
      } else if (outcome !== 'ack') {
        await this.publish(dead, job);
      }
      channel.ack(message);
    } catch (error) {
      // Not acked: the broker redelivers it (at-least-once); handlers are idempotent.
      this.options.logger?.error('could not settle job', { job: name, id: job.id, error: String(error) });
    }
  }

  /** Jobs that ended in the dead-letter queue of a job name (for operators and tests); leaves them there. */
  async peekDead(name: JobName): Promise<Job[]> {
    const channel = await this.ready();
    const out: Job[] = [];
    const taken: Message[] = [];
    for (;;) {
      const message = await channel.get(this.names(name).dead, { noAck: false });
      if (!message) break;
      taken.push(message);
      out.push(JSON.parse(message.content.toString()) as Job);
    }
    for (const message of taken) channel.nack(message, false, true);
    return out;
  }
}
