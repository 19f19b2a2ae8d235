export type MediaKind = 'image' | 'file';
export type MediaStatus = 'pending' | 'uploaded' | 'processing' | 'ready' | 'rejected';

export interface Thumbnail {
  width: number;
  height: number;
  storageKey: string;
}

export interface Media {
  id: string;
  ownerId: string;
  kind: MediaKind;
  filename: string;
  contentType: string;
  size: number;
  status: MediaStatus;
  rejectReason: string | null;
  width: number | null;
  height: number | null;
  thumbnails: Thumbnail[];
  storageKey: string;
  /** Conversations where a message carries this media; their members may download it. */
  sharedIn: string[];
  attachedAt: Date | null;
  /**
   * Its media.process job is not known to be queued yet (the outbox): set with 'uploaded' in one write,
   * cleared once the queue took the job; the outbox relay queues what a queue outage left here.
   */
  jobPending?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export const FILE_TYPES = [
  'application/pdf',
  'text/plain',
  'application/zip',
  'application/octet-stream',
  'audio/mpeg',
  'video/mp4',
] as const;

export const isImageType = (contentType: string): boolean => (IMAGE_TYPES as readonly string[]).includes(contentType);
export const isAllowedType = (contentType: string): boolean =>
  isImageType(contentType) || (FILE_TYPES as readonly string[]).includes(contentType);

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'application/zip': '.zip',
  'audio/mpeg': '.mp3',
  'video/mp4': '.mp4',
};

/** The usual file name extension of an accepted type (`.bin` for anything else). */
export const extensionOf = (contentType: string): string => EXTENSIONS[contentType] ?? '.bin';

/** The accepted type a file name's extension names (`.txt`: text/plain), or null. */
export function typeOfFilename(filename: string): string | null {
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(filename)?.[0].toLowerCase();
  if (extension === '.jpeg') return 'image/jpeg';
  return Object.entries(EXTENSIONS).find(([, ext]) => ext === extension)?.[0] ?? null;
}

/** Media that may be attached to a message: its bytes were confirmed and not rejected. */
export const isAttachable = (media: Media): boolean =>
  media.status === 'uploaded' || media.status === 'processing' || media.status === 'ready';

export const sanitizeFilename = (name: string): string =>
  name
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[/\\\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 255);

/** Media not yet uploaded (or, with status 'uploaded', whose bytes the server took itself), stored by owner. */
export function newMedia(input: {
  id: string;
  ownerId: string;
  filename: string;
  contentType: string;
  size: number;
  status: 'pending' | 'uploaded';
  now: Date;
}): Media {
  return {
    id: input.id,
    ownerId: input.ownerId,
    kind: isImageType(input.contentType) ? 'image' : 'file',
    filename: sanitizeFilename(input.filename),
    contentType: input.contentType,
    size: input.size,
    status: input.status,
    rejectReason: null,
    width: null,
    height: null,
    thumbnails: [],
    storageKey: `media/${input.ownerId}/${input.id}`,
    sharedIn: [],
    attachedAt: null,
    ...(input.status === 'uploaded' ? { jobPending: true } : {}),
    createdAt: input.now,
    updatedAt: input.now,
  };
}

export interface MediaView extends Omit<Media, 'storageKey' | 'thumbnails' | 'sharedIn' | 'jobPending'> {
  url: string | null;
  thumbnails: { width: number; height: number; url: string }[];
}
