import { tombstone, type Message } from '../domain/message.js';
import type { Ports } from '../../../ports.js';
import { recordEvent, type EventDeps } from '../../delivery/index.js';

export type EraseDeps = EventDeps &
  Pick<Ports, 'messages' | 'reactions' | 'pins' | 'editHistory' | 'polls' | 'threads'>;

/**
 * Turns a message into a tombstone for everyone, drops its reactions, earlier texts, votes and pin and records
 * message.deleted (and message.unpinned).
 */
export async function eraseMessage(deps: EraseDeps, message: Message, by: string): Promise<void> {
  await deps.messages.update(message.id, tombstone(message, by, deps.clock.now()));
  await deps.reactions.removeAllForMessage(message.id);
  await deps.editHistory.removeAllForMessage(message.id);
  if (message.poll) await deps.polls.removeAllForMessage(message.id);
  if (message.threadRootId) await deps.threads.remove(message.threadRootId, message.id);
  await recordEvent(deps, message.conversationId, by, {
    type: 'message.deleted',
    messageId: message.id,
    seq: message.seq,
    deletedBy: by,
  });
  if (await deps.pins.remove(message.conversationId, message.id))
    await recordEvent(deps, message.conversationId, by, {
      type: 'message.unpinned',
      messageId: message.id,
      seq: message.seq,
    });
}
