import { isImageType, type Thumbnail } from '../domain/media.js';
import type { DomainError } from '../shared/errors.js';
import { ok, type Result } from '../shared/result.js';
import type { JobOutcome } from '../ports/job-queue.port.js';
import type { Ports } from '../ports/index.js';
import { notifyUser } from './shared/record-event.js';

export interface MediaLimits {
  /** Images declaring more pixels than this are rejected before decoding (decompression bombs). */
  maxPixels: number;
  thumbnailSizes: readonly number[];
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { maxPixels: 40_000_000, thumbnailSizes: [320, 800] };

const SIGNATURES: [string, (b: Uint8Array) => boolean][] = [
  ['application/pdf', (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46],
  ['application/zip', (b) => b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5)],
];

/**
 * The media.process job: checks the stored bytes against the declared type (magic bytes), refuses pixel
 * bombs from the header alone, records dimensions, writes re-encoded thumbnails (which drops metadata),
 * and marks the media ready or rejected. Idempotent: a redelivered job for settled media does nothing.
 */
export class ProcessMedia {
  constructor(private readonly deps: Pick<Ports, 'media' | 'blobs' | 'images' | 'publisher' | 'logger' | 'clock'>, private readonly limits: MediaLimits = DEFAULT_MEDIA_LIMITS) {}

  async execute(input: { mediaId: string }): Promise<Result<JobOutcome, DomainError>> {
    const media = await this.deps.media.findById(input.mediaId);
    if (!media || media.status === 'ready' || media.status === 'rejected' || media.status === 'pending') return ok('ack');
    const bytes = await this.deps.blobs.get(media.storageKey);
    if (!bytes) return ok(await this.reject(media.id, media.ownerId, 'bytes missing'));
    if (bytes.byteLength !== media.size) return ok(await this.reject(media.id, media.ownerId, 'size differs from the declared size'));
    if (!isImageType(media.contentType)) {
      const signature = SIGNATURES.find(([type]) => type === media.contentType);
      if (signature && !signature[1](bytes)) return ok(await this.reject(media.id, media.ownerId, 'content does not match its type'));
      if (await this.deps.images.probe(bytes)) return ok(await this.reject(media.id, media.ownerId, 'images must be uploaded as images'));
      return ok(await this.settle(media.id, media.ownerId, { status: 'ready' }));
    }
    const info = await this.deps.images.probe(bytes);
    if (!info || `image/${info.format}` !== media.contentType) return ok(await this.reject(media.id, media.ownerId, 'content is not the declared image type'));
    if (info.width * info.height > this.limits.maxPixels) return ok(await this.reject(media.id, media.ownerId, 'image has too many pixels'));
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
      return ok(await this.settle(media.id, media.ownerId, { status: 'ready', width: info.width, height: info.height }));
    }
    return ok(await this.settle(media.id, media.ownerId, { status: 'ready', width: info.width, height: info.height, thumbnails }));
  }

  private async reject(id: string, ownerId: string, reason: string): Promise<JobOutcome> {
    return this.settle(id, ownerId, { status: 'rejected', rejectReason: reason });
  }

  private async settle(id: string, ownerId: string, patch: Parameters<Ports['media']['update']>[1]): Promise<JobOutcome> {
    await this.deps.media.update(id, { ...patch, updatedAt: this.deps.clock.now() });
    await notifyUser(this.deps, ownerId, { type: 'media.updated', mediaId: id, status: String(patch.status) });
    return 'ack';
  }
}
