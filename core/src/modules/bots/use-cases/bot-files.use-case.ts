import { notFound, type DomainError } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { canReadMedia, extensionOf, isAttachable, type Media } from '../../media/index.js';
import type { BotApiFile } from '../domain/bot-view.js';
import { botApiFile } from '../policies/bot-views.js';
import type { BotPrincipal } from './bot-api.use-case.js';

/** Where a file is downloaded from, under /file/bot<token>/: `photos/<file_id>.jpg`, `documents/<file_id>.pdf`. */
const FILE_PATH = /^(?:photos|documents)\/([A-Za-z0-9-]{1,64})\.[a-z0-9]{1,5}$/;
const filePathOf = (media: Media) =>
  `${media.kind === 'image' ? 'photos' : 'documents'}/${media.id}${extensionOf(media.contentType)}`;

type FileDeps = Pick<Ports, 'media' | 'participants'>;

/** Media a bot may read (its own, or shared in a chat it is in) and that was uploaded; else Telegram's words. */
async function readable(deps: FileDeps, bot: BotPrincipal, mediaId: string): Promise<Result<Media, DomainError>> {
  const media = await deps.media.findById(mediaId);
  if (!media || !isAttachable(media) || !(await canReadMedia(deps, media, bot.user.id)))
    return err({ ...notFound('media'), message: 'invalid file_id' });
  return ok(media);
}

/** getFile: a file the bot may read, with the path to download it from. */
export class GetBotFile {
  constructor(private readonly deps: FileDeps) {}

  async execute(input: {
    principal: BotPrincipal;
    fileId: string;
  }): Promise<Result<BotApiFile & { filePath: string }, DomainError>> {
    const media = await readable(this.deps, input.principal, input.fileId);
    if (!media.ok) return media;
    return ok({ ...botApiFile(media.value), filePath: filePathOf(media.value) });
  }
}

/** The bytes behind a getFile path, for the bot that may read them. */
export class ReadBotFile {
  constructor(private readonly deps: FileDeps & Pick<Ports, 'blobs'>) {}

  async execute(input: {
    principal: BotPrincipal;
    filePath: string;
  }): Promise<Result<{ bytes: Uint8Array; contentType: string; filename: string }, DomainError>> {
    const missing = err(notFound('media'));
    const id = FILE_PATH.exec(input.filePath)?.[1];
    if (!id) return missing;
    const media = await readable(this.deps, input.principal, id);
    if (!media.ok || filePathOf(media.value) !== input.filePath) return missing;
    const bytes = await this.deps.blobs.get(media.value.storageKey);
    if (!bytes) return missing;
    return ok({ bytes, contentType: media.value.contentType, filename: media.value.filename });
  }
}
