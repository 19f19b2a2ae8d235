import type { Media } from '../domain/media.js';
import type { Ports } from '../../../ports.js';

/**
 * Whether someone may read media (download it, or attach it to a message of their own, as a bot re-sends a
 * photo by its file_id): its owner, or an active member of a conversation a message shared it in.
 */
export async function canReadMedia(deps: Pick<Ports, 'participants'>, media: Media, userId: string): Promise<boolean> {
  if (media.ownerId === userId) return true;
  for (const id of media.sharedIn) if ((await deps.participants.find(id, userId))?.state === 'active') return true;
  return false;
}
