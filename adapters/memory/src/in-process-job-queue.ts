import {
  DEFAULT_RETRY_POLICY,
  retryDelay,
  type DeadJob,
  type Job,
  type JobHandler,
  type JobName,
  type JobQueue,
  type Logger,
  type RetryPolicy,
} from '@parley/core';
import { clone } from './clone.js';

export interface InProcessJobQueueOptions {
  retry?: Partial<RetryPolicy>;
  logger?: Logger;
  /** How many of the latest job ids are remembered to de-duplicate (default 100,000). */
  rememberIds?: number;
}

/**
 * Jobs handled in the same process, after the enqueuing call returns. Jobs enqueued before a consumer
 * exists wait for it. Ids de-duplicate: a job id among the latest `rememberIds` queued is not queued again (the
 * ids were all kept, one more for every message for as long as the process ran; an older id queued again runs
 * again, which the handlers, idempotent, allow). Nothing survives the process: the embedded mode's jobs are as
 * durable as its memory stores.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly waiting: Job[] = [];
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleeping = new Map<ReturnType<typeof setTimeout>, () => void>();
  private readonly dead: DeadJob[] = [];
  private readonly policy: RetryPolicy;
  private closed = false;
  private counter = 0;

  constructor(private readonly options: InProcessJobQueueOptions = {}) {
    this.policy = { ...DEFAULT_RETRY_POLICY, retryDelaysMs: [100, 200, 400, 800], ...options.retry };
  }

  async enqueue(name: JobName, payload: Record<string, unknown>, opts: { id?: string } = {}): Promise<void> {
    const id = opts.id ?? `job-${++this.counter}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    // A Set keeps its insertion order: the first is the oldest id.
    if (this.seen.size > (this.options.rememberIds ?? 100_000)) this.seen.delete(this.seen.values().next().value!);
    this.dispatch({ id, name, payload: clone(payload), attempt: 1 });
  }

  async consume(name: JobName, handler: JobHandler): Promise<void> {
    this.handlers.set(name, handler);
    for (const job of this.waiting.splice(0).filter((j) => j.name === name)) this.dispatch(job);
  }

  async listDead(name: JobName, limit: number): Promise<DeadJob[]> {
    return this.dead
      .filter((job) => job.name === name)
      .slice(0, limit)
      .map((job) => structuredClone(job));
  }

  async retryDead(name: JobName, ids?: readonly string[]): Promise<string[]> {
    const chosen = this.dead.filter((job) => job.name === name && (!ids || ids.includes(job.id)));
    for (const job of chosen) {
      this.dead.splice(this.dead.indexOf(job), 1);
      const { reason: _reason, diedAt: _diedAt, ...rest } = job;
      this.dispatch({ ...rest, attempt: 1 });
    }
    return chosen.map((job) => job.id);
  }

  /** Resolves when every queued job, retries included, has finished. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.sleeping) {
      clearTimeout(timer);
      wake();
    }
    await this.drain();
  }

  private dispatch(job: Job): void {
    const handler = this.handlers.get(job.name);
    if (!handler) {
      this.waiting.push(job);
      return;
    }
    const run = Promise.resolve().then(() => this.run(handler, job));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async run(handler: JobHandler, job: Job): Promise<void> {
    let outcome: Awaited<ReturnType<JobHandler>>;
    let failure = '';
    try {
      outcome = await handler(job);
    } catch (error) {
      this.options.logger?.error('job failed', {
        job: job.name,
        id: job.id,
        attempt: job.attempt,
        error: String(error),
      });
      outcome = 'retry';
      failure = String(error);
    }
    if (outcome === 'ack' || this.closed) return;
    if (outcome === 'dead' || job.attempt >= this.policy.maxAttempts) {
      const reason =
        outcome === 'dead'
          ? 'its handler gave up'
          : `failed ${job.attempt} times${failure ? `; last error: ${failure}` : ''}`;
      this.dead.push({ ...job, reason, diedAt: new Date() });
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          this.sleeping.delete(timer);
          resolve();
        },
        retryDelay(this.policy, job.attempt),
      );
      this.sleeping.set(timer, resolve);
    });
    if (!this.closed) await this.run(handler, { ...job, attempt: job.attempt + 1 });
  }
}
