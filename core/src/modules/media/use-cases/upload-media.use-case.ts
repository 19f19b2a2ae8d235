import { extensionOf, isAllowedType, isImageType, newMedia, typeOfFilename, type Media } from '../domain/media.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';
import { queueMediaProcessing } from '../policies/queue-media.js';

/**
 * Media whose bytes come through the server in one request (the Bot API's multipart uploads), rather than
 * to a signed URL: stored, then registered 'uploaded' (attachable at once) and queued for processing, which
 * checks the bytes as for any upload. The type is the one declared, or, when none or only
 * `application/octet-stream` is, the one the bytes' own signature shows, else the one the file name's extension
 * names (Telegram's libraries rarely say; processing checks the bytes against it).
 * `image`: only an image will do (sendPhoto). The blob is written before the media names it, so no media
 * ever lacks its bytes.
 */
export class UploadMedia {
  constructor(
    private readonly deps: Pick<Ports, 'media' | 'blobs' | 'jobs' | 'fileTypes' | 'flags' | 'clock' | 'ids' | 'logger'>,
    private readonly config: Pick<CoreConfig, 'maxUploadBytes'>,
  ) {}

  async execute(input: {
    actorId: string;
    field: string;
    filename?: string;
    contentType?: string;
    bytes: Uint8Array;
    image?: boolean;
  }): Promise<Result<Media, DomainError>> {
    const enabled = await requireFlag(this.deps.flags, 'media.uploads');
    if (!enabled.ok) return enabled;
    const { bytes, field } = input;
    if (bytes.byteLength < 1) return err(invalid(field, 'must not be empty'));
    if (bytes.byteLength > this.config.maxUploadBytes)
      return err(invalid(field, `must be at most ${this.config.maxUploadBytes} bytes`));
    const declared = (input.contentType ?? '').toLowerCase().split(';')[0]!.trim();
    const detected = await this.deps.fileTypes.detect(bytes);
    const named = input.filename ? typeOfFilename(input.filename) : null;
    const contentType =
      declared && declared !== 'application/octet-stream' && isAllowedType(declared)
        ? declared
        : detected && isAllowedType(detected)
          ? detected
          : (named ?? 'application/octet-stream');
    if (input.image && !isImageType(contentType))
      return err(invalid(field, 'must be an image: PNG, JPEG, GIF or WebP'));
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    const filename = input.filename?.trim() || `${field}${extensionOf(contentType)}`;
    const media = newMedia({
      id,
      ownerId: input.actorId,
      filename,
      contentType,
      size: bytes.byteLength,
      status: 'uploaded',
      now,
    });
    await this.deps.blobs.put(media.storageKey, bytes, contentType);
    await this.deps.media.create(media);
    await queueMediaProcessing(this.deps, media.id);
    return ok(media);
  }
}
