import { isAllowedType, newMedia } from '../domain/media.js';
import { invalid, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';
import type { CoreConfig } from '../../../shared/config.js';
import type { Ports } from '../../../ports.js';
import { requireFlag } from '../../moderation/index.js';

export interface UploadTicket {
  id: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

/**
 * Registers a pending upload and returns where the client PUTs the bytes; it then calls ConfirmUpload.
 * Nothing is registered while the object store is unreachable.
 */
export class RequestUpload {
  constructor(
    private readonly deps: Pick<Ports, 'media' | 'blobs' | 'flags' | 'clock' | 'ids'>,
    private readonly config: Pick<CoreConfig, 'maxUploadBytes' | 'mediaUrlTtlMs'>,
  ) {}

  async execute(input: {
    actorId: string;
    filename?: unknown;
    contentType?: unknown;
    size?: unknown;
  }): Promise<Result<UploadTicket, DomainError>> {
    const enabled = await requireFlag(this.deps.flags, 'media.uploads');
    if (!enabled.ok) return enabled;
    const issues = new Issues();
    const filename = issues.text('filename', input.filename, { min: 1, max: 255, required: true });
    const contentType =
      typeof input.contentType === 'string' ? input.contentType.toLowerCase().split(';')[0]!.trim() : '';
    if (!isAllowedType(contentType)) issues.add('contentType', 'is not an accepted media type');
    const size = input.size;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
      issues.add('size', 'must be a positive whole number of bytes');
    else if (size > this.config.maxUploadBytes)
      issues.add('size', `must be at most ${this.config.maxUploadBytes} bytes`);
    if (!issues.empty || !filename) return err(invalid(issues.list));
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    const media = newMedia({
      id,
      ownerId: input.actorId,
      filename,
      contentType,
      size: size as number,
      status: 'pending',
      now,
    });
    // Signing a URL needs no server: ask the store something first, so that while it is unreachable the
    // request fails (DependencyUnavailable: 503) before anything is registered.
    await this.deps.blobs.head(media.storageKey);
    await this.deps.media.create(media);
    const target = await this.deps.blobs.createUploadUrl(media.storageKey, {
      contentType,
      size: media.size,
      expiresAt: new Date(now.getTime() + this.config.mediaUrlTtlMs),
    });
    return ok({
      id,
      uploadUrl: target.url,
      method: target.method,
      headers: target.headers,
      expiresAt: target.expiresAt,
    });
  }
}
