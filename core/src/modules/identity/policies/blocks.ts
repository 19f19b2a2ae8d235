import { forbidden, type Forbidden } from '../../../shared/errors.js';
import type { BlockStore } from '../ports/block-store.port.js';

/** The refusal when a block stands between two people (either way); the same code wherever it applies. */
export const blockedRefusal = (message = 'a block stands between you and this person'): Forbidden =>
  forbidden('blocked', message);

/** A refusal if the actor may not add any of `userIds` (one of them blocked the actor), else null. */
export async function refuseBlockedAdds(
  blocks: BlockStore,
  actorId: string,
  userIds: readonly string[],
): Promise<Forbidden | null> {
  const blockers = await blocks.blockersOf(actorId, userIds);
  return blockers.length > 0 ? blockedRefusal('this person does not accept being added by you') : null;
}
