import type { DomainError } from '../shared/errors.js';
import { ok, type Result } from '../shared/result.js';
import type { Ports } from '../ports/index.js';
import { flushOutbox } from './shared/publish-message.js';

/**
 * The outbox relay: queues the jobs of messages whose sender died (or whose queue was down) between
 * storing the message and queueing its jobs. Job ids are deterministic, so a job queued twice is handled
 * once by idempotent handlers. Safe to run on every node, periodically.
 */
export class RelayOutbox {
  constructor(private readonly deps: Pick<Ports, 'messages' | 'jobs' | 'clock' | 'logger'>, private readonly graceMs = 10_000) {}

  async execute(input: { limit?: number } = {}): Promise<Result<{ relayed: number }, DomainError>> {
    const before = new Date(this.deps.clock.now().getTime() - this.graceMs);
    const stuck = await this.deps.messages.listWithPendingJobs(before, input.limit ?? 200);
    for (const message of stuck) await flushOutbox(this.deps, message);
    if (stuck.length) this.deps.logger.info('outbox relayed', { messages: stuck.length });
    return ok({ relayed: stuck.length });
  }
}
