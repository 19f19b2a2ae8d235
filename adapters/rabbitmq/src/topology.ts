import type { Channel } from 'amqplib';
import type { JobName } from '@parley/core';

/**
 * The queues of one job name. Every one is a quorum queue: replicated, fsynced before confirming, poison-message aware.
 */
export interface JobQueues {
  work: string;
  /** One retry queue per delay: every message in it waits the same time, so none waits behind a longer one. */
  retry: (delayMs: number) => string;
  dead: string;
}

export const queuesOf = (prefix: string, name: JobName): JobQueues => {
  const work = `${prefix}.jobs.${name}`;
  return { work, retry: (delayMs) => `${work}.retry-${delayMs}ms`, dead: `${work}.dead` };
};

const quorum = { 'x-queue-type': 'quorum' };
/** Dead-lettering that the broker retries until the target queue took the message (quorum queues only). */
const safeDeadLettering = (target: string) => ({
  'x-dead-letter-exchange': '',
  'x-dead-letter-routing-key': target,
  'x-dead-letter-strategy': 'at-least-once',
  'x-overflow': 'reject-publish',
});

/**
 * Declares the queues of a job name (idempotent):
 * - work: consumed by the workers; a job delivered `deliveryLimit` times without being settled (its worker
 *   died each time) goes to the dead queue instead of killing workers forever;
 * - retry-<ms>ms, one per delay: a job to retry waits there for the queue's TTL, then returns to work;
 * - dead: kept until an operator retries or drops it (`parley jobs dead list|retry`).
 */
export async function declareJobQueues(
  channel: Channel,
  queues: JobQueues,
  delaysMs: readonly number[],
  deliveryLimit: number,
): Promise<void> {
  await channel.assertQueue(queues.dead, { durable: true, arguments: quorum });
  await channel.assertQueue(queues.work, {
    durable: true,
    arguments: { ...quorum, 'x-delivery-limit': deliveryLimit, ...safeDeadLettering(queues.dead) },
  });
  for (const delay of new Set(delaysMs))
    await channel.assertQueue(queues.retry(delay), {
      durable: true,
      arguments: { ...quorum, 'x-message-ttl': delay, ...safeDeadLettering(queues.work) },
    });
}

/** Deletes the queues of a job name, messages and all (tests; removing a deployment). */
export async function deleteJobQueues(channel: Channel, queues: JobQueues, delaysMs: readonly number[]): Promise<void> {
  for (const queue of [queues.work, queues.dead, ...[...new Set(delaysMs)].map(queues.retry)])
    await channel.deleteQueue(queue);
}

/** Why a message in a dead queue died: our own header, or the broker's x-death record (delivery limit). */
export function deathOf(headers: Record<string, unknown> | undefined): { reason: string; diedAt: Date } {
  const reason = headers?.['x-parley-reason'];
  const diedAt = headers?.['x-parley-died-at'];
  if (typeof reason === 'string' && typeof diedAt === 'string') return { reason, diedAt: new Date(diedAt) };
  const death = (headers?.['x-death'] as { reason?: string; time?: { value?: number } }[] | undefined)?.[0];
  const when = death?.time?.value;
  return {
    reason:
      death?.reason === 'delivery_limit'
        ? 'delivery limit: its worker stopped before finishing it too many times'
        : String(death?.reason ?? 'unknown'),
    diedAt: typeof when === 'number' ? new Date(when * 1000) : new Date(0),
  };
}
