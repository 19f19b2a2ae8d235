import {
  notifyFacts,
  type Job,
  type JobHandler,
  type JobName,
  type JobOutcome,
  type JobQueue,
  type Logger,
  type Parley,
} from '@parley/core';

/**
 * The job handlers: each is a core use case, so the worker and the embedded API run the very same ones.
 * A process that runs them only consumes, dispatches, logs and acks.
 */
export function jobHandlers(parley: Parley): Record<JobName, (job: Job) => Promise<JobOutcome>> {
  const outcome = async (run: Promise<{ ok: true; value: JobOutcome } | { ok: false }>) => {
    const result = await run;
    return result.ok ? result.value : 'dead';
  };
  return {
    'media.process': (job) => outcome(parley.media.processMedia.execute({ mediaId: String(job.payload.mediaId) })),
    'notify.message': (job) =>
      outcome(
        parley.delivery.notifyMessage.execute(notifyFacts(job.payload) ?? { messageId: String(job.payload.messageId) }),
      ),
    'retention.sweep': async () => ((await parley.moderation.runRetention.execute()).ok ? 'ack' : 'retry'),
    'moderation.purge': (job) => outcome(parley.moderation.runPurge.execute({ purgeId: String(job.payload.purgeId) })),
    'bot.webhook': (job) => outcome(parley.bots.deliverBotWebhook.execute({ botId: String(job.payload.botId) })),
  };
}

function logged(logger: Logger, name: JobName, handler: (job: Job) => Promise<JobOutcome>): JobHandler {
  return async (job) => {
    const started = Date.now();
    try {
      const outcome = await handler(job);
      logger.info('job', { job: name, id: job.id, attempt: job.attempt, outcome, ms: Date.now() - started });
      return outcome;
    } catch (error) {
      logger.error('job failed', { job: name, id: job.id, attempt: job.attempt, ms: Date.now() - started, error });
      throw error;
    }
  };
}

/**
 * Consumes every job queue, schedules the repeating retention sweep (whichever process picks it up takes
 * the retention lease), runs the outbox relay and sends scheduled messages whose time has come. Returns a function that
 * stops the schedules.
 */
export async function runJobs(
  jobs: JobQueue,
  parley: Parley,
  logger: Logger,
  retentionIntervalMs: number,
): Promise<() => void> {
  for (const [name, handler] of Object.entries(jobHandlers(parley)) as [JobName, (job: Job) => Promise<JobOutcome>][])
    await jobs.consume(name, logged(logger, name, handler));
  const slot = () => Math.floor(Date.now() / retentionIntervalMs);
  const schedule = () =>
    jobs
      .enqueue('retention.sweep', {}, { id: `retention:${slot()}` })
      .catch((error: unknown) => logger.warn('could not schedule retention', { error: String(error) }));
  const sweeps = setInterval(() => void schedule(), retentionIntervalMs);
  const relay = setInterval(
    () =>
      void parley.delivery.relayOutbox
        .execute()
        .catch((error: unknown) => logger.error('outbox relay failed', { error: String(error) })),
    15_000,
  );
  // Scheduled messages whose time has come go out from here (each once, whichever process settles it), and
  // temporary platform bans that ended are lifted.
  const scheduled = setInterval(() => {
    void parley.messaging.deliverScheduledMessages
      .execute()
      .catch((error: unknown) => logger.error('scheduled messages failed', { error: String(error) }));
    void parley.moderation.liftEndedBans
      .execute()
      .catch((error: unknown) => logger.error('lifting ended bans failed', { error: String(error) }));
  }, 1000);
  // Integration webhooks: a delivery round about every second, never two at once in this process (rounds on other
  // processes take each conversation's lease in turn).
  let delivering = false;
  const webhooks = setInterval(() => {
    if (delivering) return;
    delivering = true;
    void parley.integrations.deliverWebhooks
      .execute()
      .catch((error: unknown) => logger.error('webhook delivery failed', { error: String(error) }))
      .finally(() => (delivering = false));
  }, 1000);
  sweeps.unref();
  relay.unref();
  scheduled.unref();
  webhooks.unref();
  void schedule();
  return () => {
    clearInterval(sweeps);
    clearInterval(relay);
    clearInterval(scheduled);
    clearInterval(webhooks);
  };
}
