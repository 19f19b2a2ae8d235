import type { Media } from '../domain/media.js';
import { conflict, notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { queueMediaProcessing } from '../policies/queue-media.js';

/**
 * The client says its bytes are up: the blob must exist with the declared size, then the media is
 * 'uploaded' (attachable) and queued for processing (type check, thumbnails). Idempotent. A queue outage
 * does not fail it: the job stays in the media's outbox mark until the relay queues it.
 */
export class ConfirmUpload {
  constructor(private readonly deps: Pick<Ports, 'media' | 'blobs' | 'jobs' | 'clock' | 'logger'>) {}

  async execute(input: { actorId: string; mediaId: string }): Promise<Result<Media, DomainError>> {
    const media = await this.deps.media.findById(input.mediaId);
    if (!media || media.ownerId !== input.actorId) return err(notFound('media'));
    if (media.status !== 'pending') return ok(media);
    const head = await this.deps.blobs.head(media.storageKey);
    if (!head) return err(conflict('upload_missing', 'no bytes were uploaded for this media'));
    if (head.size !== media.size)
      return err(conflict('upload_size_mismatch', `uploaded ${head.size} bytes, declared ${media.size}`));
    const updated = await this.deps.media.update(
      media.id,
      { status: 'uploaded', jobPending: true, updatedAt: this.deps.clock.now() },
      'pending',
    );
    if (updated) await queueMediaProcessing(this.deps, media.id);
    return ok(updated ?? ((await this.deps.media.findById(media.id)) as Media));
  }
}
