import type { Job, JobHandler, JobName, JobQueue, Logger } from '@parley/core';

export interface InProcessJobQueueOptions {
  maxAttempts?: number;
  /** Delay before retry n (1-based); exponential by default. */
  backoffMs?: (attempt: number) => number;
  logger?: Logger;
}

/**
 * Jobs handled in the same process, after the enqueuing call returns. Jobs enqueued before a consumer
 * exists wait for it. Ids de-duplicate: a job id already queued or done is not queued again.
 */
export class InProcessJobQueue implements JobQueue {
  private readonly handlers = new Map<JobName, JobHandler>();
  private readonly waiting: Job[] = [];
  private readonly seen = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleeping = new Map<ReturnType<typeof setTimeout>, () => void>();
  private closed = false;
  readonly deadLetters: Job[] = [];
  private counter = 0;

  constructor(private readonly options: InProcessJobQueueOptions = {}) {}

  async enqueue(name: JobName, payload: Record<string, unknown>, opts: { id?: string } = {}): Promise<void> {
    const id = opts.id ?? `job-${++this.counter}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.dispatch({ id, name, payload: structuredClone(payload), attempt: 1 });
  }

  async consume(name: JobName, handler: JobHandler): Promise<void> {
    this.handlers.set(name, handler);
    for (const job of this.waiting.splice(0).filter((j) => j.name === name)) this.dispatch(job);
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
    try {
      outcome = await handler(job);
    } catch (error) {
      this.options.logger?.error('job failed', { job: job.name, id: job.id, attempt: job.attempt, error: String(error) });
      outcome = 'retry';
    }
    if (outcome === 'ack' || this.closed) return;
    if (outcome === 'dead' || job.attempt >= (this.options.maxAttempts ?? 5)) {
      this.deadLetters.push(job);
      return;
    }
    const delay = (this.options.backoffMs ?? ((n) => 100 * 2 ** (n - 1)))(job.attempt);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping.delete(timer);
        resolve();
      }, delay);
      this.sleeping.set(timer, resolve);
    });
    if (!this.closed) await this.run(handler, { ...job, attempt: job.attempt + 1 });
  }
}
