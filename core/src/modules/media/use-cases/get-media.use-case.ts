import type { MediaView } from '../domain/media.js';
import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { canReadMedia } from '../policies/media-access.js';

/** Media info with signed download URLs, for its owner and members of conversations it was shared in. */
export class GetMedia {
  constructor(
    private readonly deps: Pick<Ports, 'media' | 'participants' | 'blobs' | 'clock'>,
    private readonly config: Pick<CoreConfig, 'mediaUrlTtlMs'>,
  ) {}

  async execute(input: { actorId: string; mediaId: string }): Promise<Result<MediaView, DomainError>> {
    const media = await this.deps.media.findById(input.mediaId);
    if (!media) return err(notFound('media'));
    if (!(await canReadMedia(this.deps, media, input.actorId))) return err(notFound('media'));
    const expiresAt = new Date(this.deps.clock.now().getTime() + this.config.mediaUrlTtlMs);
    const downloadable = media.status === 'ready' || media.status === 'uploaded' || media.status === 'processing';
    const { storageKey, thumbnails, sharedIn: _shared, jobPending: _pending, ...rest } = media;
    return ok({
      ...rest,
      url: downloadable
        ? await this.deps.blobs.createDownloadUrl(storageKey, { expiresAt, filename: media.filename })
        : null,
      thumbnails: await Promise.all(
        thumbnails.map(async (t) => ({
          width: t.width,
          height: t.height,
          url: await this.deps.blobs.createDownloadUrl(t.storageKey, { expiresAt }),
        })),
      ),
    });
  }
}
