import type { Ports } from '../../../ports.js';

/**
 * Queues the media.process job of media just marked 'uploaded' with `jobPending`, then clears the mark.
 * Never fails the caller: while the queue (or the database) is away the mark stays, and the outbox relay
 * queues the job later. A job queued twice is harmless: processing settled media does nothing.
 */
export async function queueMediaProcessing(
  deps: Pick<Ports, 'jobs' | 'media' | 'logger'>,
  mediaId: string,
): Promise<void> {
  try {
    await deps.jobs.enqueue('media.process', { mediaId }, { id: `media:${mediaId}` });
    await deps.media.update(mediaId, { jobPending: false }, 'uploaded');
  } catch (error) {
    deps.logger.warn('media processing not queued yet; the outbox relay will queue it', {
      mediaId,
      error: String(error),
    });
  }
}
