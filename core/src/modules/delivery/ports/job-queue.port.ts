export const JobQueue = Symbol.for('JobQueue');

export type JobName = 'media.process' | 'notify.message' | 'retention.sweep' | 'moderation.purge' | 'bot.webhook';

export const JOB_NAMES: readonly JobName[] = [
  'media.process',
  'notify.message',
  'retention.sweep',
  'moderation.purge',
  'bot.webhook',
];

export interface Job<P = Record<string, unknown>> {
  id: string;
  name: JobName;
  payload: P;
  attempt: number;
}

/**
 * A job that will not run again by itself: it failed on every attempt, its handler gave up, or it kept killing its
 * worker.
 */
export interface DeadJob extends Job {
  /** Why it is dead, for operators: e.g. "failed 5 times: <last error>", "handler gave up", "delivery limit". */
  reason: string;
  diedAt: Date;
}

/** What a handler says about a job: done, try again later, or give up (dead-letter). */
export type JobOutcome = 'ack' | 'retry' | 'dead';

export type JobHandler = (job: Job) => Promise<JobOutcome>;

/**
 * Retries wait `retryDelaysMs[attempt - 1]` (the last entry for later attempts) before the next attempt;
 * a job fails for good after `maxAttempts`. Every adapter takes these two options.
 */
export interface RetryPolicy {
  maxAttempts: number;
  retryDelaysMs: readonly number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, retryDelaysMs: [1_000, 5_000, 30_000, 120_000] };

/** How long to wait before the attempt after `attempt` failed. */
export const retryDelay = (policy: RetryPolicy, attempt: number): number =>
  policy.retryDelaysMs[Math.min(attempt, policy.retryDelaysMs.length) - 1] ?? 0;

export interface JobQueue {
  /**
   * Durably accepts the job before resolving; it will be handled at least once. Throws
   * DependencyUnavailable('queue') at once while the queue's server cannot be reached (callers keep the
   * job in an outbox and try again later).
   */
  enqueue(name: JobName, payload: Record<string, unknown>, opts?: { id?: string }): Promise<void>;
  /** Starts handing jobs of this name to the handler; retries and dead-letters per its outcome. */
  consume(name: JobName, handler: JobHandler): Promise<void>;
  /** Dead jobs of this name, oldest first, at most `limit`; they stay dead. */
  listDead(name: JobName, limit: number): Promise<DeadJob[]>;
  /** Puts dead jobs of this name (those with these ids, or all) back to run, as attempt 1; returns their ids. */
  retryDead(name: JobName, ids?: readonly string[]): Promise<string[]>;
  /** Stops consuming after in-flight jobs finish. */
  close(): Promise<void>;
}
