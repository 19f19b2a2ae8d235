export const JobQueue = Symbol.for('JobQueue');

export type JobName = 'media.process' | 'notify.message' | 'retention.sweep';

export interface Job<P = Record<string, unknown>> {
  id: string;
  name: JobName;
  payload: P;
  attempt: number;
}

/** What a handler says about a job: done, try again later, or give up (dead-letter). */
export type JobOutcome = 'ack' | 'retry' | 'dead';

export type JobHandler = (job: Job) => Promise<JobOutcome>;

export interface JobQueue {
  /** Durably accepts the job before resolving; it will be handled at least once. */
  enqueue(name: JobName, payload: Record<string, unknown>, opts?: { id?: string }): Promise<void>;
  /** Starts handing jobs of this name to the handler; retries and dead-letters per its outcome. */
  consume(name: JobName, handler: JobHandler): Promise<void>;
  /** Stops consuming after in-flight jobs finish. */
  close(): Promise<void>;
}
