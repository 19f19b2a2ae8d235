import type { Job, JobQueue, RetryPolicy } from '../modules/delivery/index.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/** The retry policy every factory of this contract must configure: a short delay, then a long one. */
export const JOB_CONTRACT_RETRY: RetryPolicy = { maxAttempts: 3, retryDelaysMs: [50, 1500] };

export function jobQueueContract(t: TestApi, factory: FixtureFactory<JobQueue>): void {
  const test = testWith(t, factory);
  t.describe('JobQueue contract', () => {
    test('hands each enqueued job to the consumer with its payload', async (queue) => {
      const got: Job[] = [];
      await queue.consume('notify.message', async (job) => {
        got.push(job);
        return 'ack';
      });
      await queue.enqueue('notify.message', { messageId: 'm1' });
      await queue.enqueue('notify.message', { messageId: 'm2' });
      await eventually(() => got.length === 2);
      same(got.map((j) => j.payload.messageId).sort(), ['m1', 'm2'], 'both jobs, payload intact');
      same(
        got.every((j) => j.attempt === 1),
        true,
        'first attempt',
      );
    }, 20_000);

    test('jobs enqueued before a consumer exists are not lost', async (queue) => {
      await queue.enqueue('media.process', { mediaId: 'x' });
      const got: Job[] = [];
      await queue.consume('media.process', async (job) => {
        got.push(job);
        return 'ack';
      });
      await eventually(() => got.length === 1);
      same(got[0]?.payload, { mediaId: 'x' }, 'delivered later');
    }, 20_000);

    test('a job the handler asks to retry comes back with a higher attempt', async (queue) => {
      const attempts: number[] = [];
      await queue.consume('retention.sweep', async (job) => {
        attempts.push(job.attempt);
        return job.attempt < 3 ? 'retry' : 'ack';
      });
      await queue.enqueue('retention.sweep', {});
      await eventually(() => attempts.length === 3);
      same(attempts, [1, 2, 3], 'retried until acked');
    }, 20_000);

    test('a thrown handler error counts as a retry, not a crash', async (queue) => {
      const attempts: number[] = [];
      await queue.consume('notify.message', async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('boom');
        return 'ack';
      });
      await queue.enqueue('notify.message', { messageId: 'm' });
      await eventually(() => attempts.length === 2);
      same(attempts, [1, 2], 'second attempt after the throw');
    }, 20_000);

    test('a short backoff is not held up behind a long one', async (queue) => {
      const seen: string[] = [];
      await queue.consume('notify.message', async (job) => {
        seen.push(`${String(job.payload.n)}${job.attempt}`);
        return job.attempt < 3 && (job.payload.n === 'A' || job.attempt < 2) ? 'retry' : 'ack';
      });
      await queue.enqueue('notify.message', { n: 'A' }, { id: 'A' });
      await eventually(() => seen.includes('A2')); // A now waits the long delay (1.5 s) before attempt 3
      const failedAt = Date.now();
      await queue.enqueue('notify.message', { n: 'B' }, { id: 'B' });
      await eventually(() => seen.includes('B2'));
      const waited = Date.now() - failedAt;
      await eventually(() => seen.includes('A3'));
      same(seen, ['A1', 'A2', 'B1', 'B2', 'A3'], 'B retried after its short delay, before A came back');
      same(waited < 1000, true, `B waited ${waited} ms, not the long delay of A ahead of it`);
    }, 20_000);

    test('a job that fails on every attempt is dead, listed, and runs again when retried', async (queue) => {
      let healthy = false;
      const runs: number[] = [];
      await queue.consume('media.process', async (job) => {
        runs.push(job.attempt);
        if (!healthy) throw new Error('disk full');
        return 'ack';
      });
      await queue.enqueue('media.process', { mediaId: 'm1' }, { id: 'doomed' });
      let dead = await queue.listDead('media.process', 10);
      for (let i = 0; i < 250 && dead.length === 0; i += 1)
        dead = await new Promise((r) => setTimeout(r, 20)).then(() => queue.listDead('media.process', 10));
      same(
        dead.map((j) => [j.id, j.attempt, j.payload]),
        [['doomed', 3, { mediaId: 'm1' }]],
        'dead after the last attempt',
      );
      same(dead[0]!.reason, 'failed 3 times; last error: Error: disk full', 'says why');
      same(await queue.listDead('media.process', 10).then((d) => d.length), 1, 'listing leaves it dead');
      same(await queue.listDead('notify.message', 10), [], 'dead jobs are per job name');
      healthy = true;
      same(await queue.retryDead('media.process'), ['doomed'], 'retried');
      await eventually(() => runs.length === 4);
      same(runs, [1, 2, 3, 1], 'it ran again from attempt 1');
      same(await queue.listDead('media.process', 10), [], 'no longer dead');
    }, 20_000);

    test('a job its handler gives up on is dead at once; retry takes only the ids asked for', async (queue) => {
      const runs: string[] = [];
      await queue.consume('notify.message', async (job) => {
        runs.push(job.id);
        return 'dead';
      });
      await queue.enqueue('notify.message', { n: 1 }, { id: 'j1' });
      await queue.enqueue('notify.message', { n: 2 }, { id: 'j2' });
      let dead = await queue.listDead('notify.message', 10);
      for (let i = 0; i < 250 && dead.length < 2; i += 1)
        dead = await new Promise((r) => setTimeout(r, 20)).then(() => queue.listDead('notify.message', 10));
      same(
        dead.map((j) => [j.id, j.attempt, j.reason]).sort(),
        [
          ['j1', 1, 'its handler gave up'],
          ['j2', 1, 'its handler gave up'],
        ],
        'both dead on attempt 1',
      );
      same(await queue.listDead('notify.message', 1).then((d) => d.length), 1, 'the limit holds');
      same(await queue.retryDead('notify.message', ['j2', 'unknown']), ['j2'], 'only j2');
      await eventually(() => runs.length === 3);
      same(runs.sort(), ['j1', 'j2', 'j2'], 'j2 ran again; j1 was left alone');
      let after = await queue.listDead('notify.message', 10);
      for (let i = 0; i < 250 && after.length !== 2; i += 1)
        after = await new Promise((r) => setTimeout(r, 20)).then(() => queue.listDead('notify.message', 10));
      same(after.map((j) => j.id).sort(), ['j1', 'j2'], 'j2 died again');
    }, 20_000);
  });
}
