import { isImageType, type Thumbnail } from '../domain/media.js';
import type { DomainError } from '../../../shared/errors.js';
import { ok, type Result } from '../../../shared/result.js';
import type { JobOutcome } from '../../delivery/index.js';
import type { Ports } from '../../../ports.js';
import { notifyUser } from '../../delivery/index.js';

export interface MediaLimits {
  /** Images declaring more pixels than this are rejected before decoding (decompression bombs). */
  maxPixels: number;
  thumbnailSizes: readonly number[];
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { maxPixels: 40_000_000, thumbnailSizes: [320, 800] };

/** Zip-based formats a person may reasonably send as a zip (the detector names them more precisely). */
const ZIP_FAMILY =
  /^application\/(zip|epub\+zip|java-archive|vnd\.openxmlformats-officedocument\..+|vnd\.oasis\.opendocument\..+)$/;

/**
 * Whether bytes whose signature shows `detected` (null: none known) may be stored as `declared`. Every
 * declared type but two must be confirmed by the bytes themselves; `text/plain` must show no binary
 * signature at all; `application/octet-stream` is anything that is not an image (it is only ever served
 * as a download, with nosniff).
 */
export function contentMatches(declared: string, detected: string | null): boolean {
  if (declared === 'text/plain') return detected === null;
  if (declared === 'application/octet-stream') return detected === null || !isImageType(detected);
  if (declared === 'application/zip') return detected !== null && ZIP_FAMILY.test(detected);
  return detected === declared;
}

/**
 * The media.process job: checks the stored bytes against the declared type (their own signature, read
 * by the FileTypeDetector: HTML sent as video/mp4 is refused), refuses pixel bombs from the header alone,
 * records dimensions, writes re-encoded thumbnails (which drops metadata), and marks the media ready or
 * rejected. Idempotent: a redelivered job for settled media does nothing.
 */
export class ProcessMedia {
  constructor(
    private readonly deps: Pick<Ports, 'media' | 'blobs' | 'images' | 'fileTypes' | 'publisher' | 'logger' | 'clock'>,
    private readonly limits: MediaLimits = DEFAULT_MEDIA_LIMITS,
  ) {}

  async execute(input: { mediaId: string }): Promise<Result<JobOutcome, DomainError>> {
    const media = await this.deps.media.findById(input.mediaId);
    if (!media || media.status === 'ready' || media.status === 'rejected' || media.status === 'pending')
      return ok('ack');
    const bytes = await this.deps.blobs.get(media.storageKey);
    if (!bytes) return ok(await this.reject(media.id, media.ownerId, 'bytes missing'));
    if (bytes.byteLength !== media.size)
      return ok(await this.reject(media.id, media.ownerId, 'size differs from the declared size'));
    const detected = await this.deps.fileTypes.detect(bytes);
    if (!isImageType(media.contentType)) {
      if (detected !== null && isImageType(detected))
        return ok(await this.reject(media.id, media.ownerId, 'images must be uploaded as images'));
      if (!contentMatches(media.contentType, detected))
        return ok(
          await this.reject(
            media.id,
            media.ownerId,
            `content does not match its type (${detected ?? 'no known signature'})`,
          ),
        );
      return ok(await this.settle(media.id, media.ownerId, { status: 'ready' }));
    }
    if (!contentMatches(media.contentType, detected))
      return ok(await this.reject(media.id, media.ownerId, 'content is not the declared image type'));
    const info = await this.deps.images.probe(bytes);
    if (!info || `image/${info.format}` !== media.contentType)
      return ok(await this.reject(media.id, media.ownerId, 'content is not the declared image type'));
    if (info.width * info.height > this.limits.maxPixels)
      return ok(await this.reject(media.id, media.ownerId, 'image has too many pixels'));
    const thumbnails: Thumbnail[] = [];
    try {
      for (const side of this.limits.thumbnailSizes) {
        const thumb = await this.deps.images.resize(bytes, side);
        const storageKey = `${media.storageKey}.thumb-${side}`;
        await this.deps.blobs.put(storageKey, thumb.bytes, thumb.contentType);
        thumbnails.push({ width: thumb.width, height: thumb.height, storageKey });
      }
    } catch (error) {
      this.deps.logger.warn('thumbnailing failed', { mediaId: media.id, error: String(error) });
      return ok(
        await this.settle(media.id, media.ownerId, { status: 'ready', width: info.width, height: info.height }),
      );
    }
    return ok(
      await this.settle(media.id, media.ownerId, {
        status: 'ready',
        width: info.width,
        height: info.height,
        thumbnails,
      }),
    );
  }

  private async reject(id: string, ownerId: string, reason: string): Promise<JobOutcome> {
    return this.settle(id, ownerId, { status: 'rejected', rejectReason: reason });
  }

  private async settle(
    id: string,
    ownerId: string,
    patch: Parameters<Ports['media']['update']>[1],
  ): Promise<JobOutcome> {
    await this.deps.media.update(id, { ...patch, jobPending: false, updatedAt: this.deps.clock.now() });
    await notifyUser(this.deps, ownerId, { type: 'media.updated', mediaId: id, status: String(patch.status) });
    return 'ack';
  }
}
