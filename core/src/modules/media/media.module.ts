import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { ConfirmUpload } from './use-cases/confirm-upload.use-case.js';
import { GetMedia } from './use-cases/get-media.use-case.js';
import { ProcessMedia } from './use-cases/process-media.use-case.js';
import { RequestUpload } from './use-cases/request-upload.use-case.js';
import { UploadMedia } from './use-cases/upload-media.use-case.js';

/** What the media use cases need: the union of the ports their constructors name, and nothing else. */
export type MediaDeps = DepsOf<typeof ConfirmUpload> &
  DepsOf<typeof GetMedia> &
  DepsOf<typeof ProcessMedia> &
  DepsOf<typeof RequestUpload> &
  DepsOf<typeof UploadMedia>;

/**
 * The media module: uploads, their processing, and signed links to read them.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const mediaUseCases = {
  requestUpload: (deps: MediaDeps, config: CoreConfig) => new RequestUpload(deps, config),
  confirmUpload: (deps: MediaDeps) => new ConfirmUpload(deps),
  getMedia: (deps: MediaDeps, config: CoreConfig) => new GetMedia(deps, config),
  processMedia: (deps: MediaDeps) => new ProcessMedia(deps),
  uploadMedia: (deps: MediaDeps, config: CoreConfig) => new UploadMedia(deps, config),
} satisfies UseCaseRecipes<MediaDeps>;

export function mediaModule(deps: MediaDeps, config: CoreConfig) {
  return buildUseCases(mediaUseCases, deps, config);
}

export type MediaModule = BuiltUseCases<typeof mediaUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const MediaModule = Symbol.for('MediaModule');
