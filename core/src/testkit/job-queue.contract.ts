import type { Job, JobQueue } from '../ports/job-queue.port.js';
import { same } from './assert.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

async function eventually(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
}

/** Factories should configure short retry backoffs so these run fast. */
export function jobQueueContract(t: TestApi, factory: FixtureFactory<JobQueue>): void {
  const test = testWith(t, factory);
  t.describe('JobQueue contract', () => {
    test('hands each enqueued job to the consumer with its payload', async (queue) => {
      const got: Job[] = [];
      await queue.consume('notify.message', async (job) => { got.push(job); return 'ack'; });
      await queue.enqueue('notify.message', { messageId: 'm1' });
      await queue.enqueue('notify.message', { messageId: 'm2' });
      await eventually(() => got.length === 2);
      same(got.map((j) => j.payload.messageId).sort(), ['m1', 'm2'], 'both jobs, payload intact');
      same(got.every((j) => j.attempt === 1), true, 'first attempt');
    }, 20_000);

    test('jobs enqueued before a consumer exists are not lost', async (queue) => {
      await queue.enqueue('media.process', { mediaId: 'x' });
      const got: Job[] = [];
      await queue.consume('media.process', async (job) => { got.push(job); return 'ack'; });
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
  });
}
