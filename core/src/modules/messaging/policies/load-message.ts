import type { Message } from '../domain/message.js';
import { notFound, type NotFound } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import type { Ports } from '../../../ports.js';
import { loadMembership, type Membership } from '../../conversations/index.js';

/** A message the actor can see, with the actor's membership of its conversation. */
export async function loadVisibleMessage(
  deps: Pick<Ports, 'messages' | 'conversations' | 'participants'>,
  messageId: string,
  actorId: string,
  conversationId?: string,
): Promise<Result<Membership & { message: Message }, NotFound>> {
  const message = await deps.messages.findById(messageId);
  if (!message || message.hiddenFor.includes(actorId)) return err(notFound('message'));
  if (conversationId && conversationId !== message.conversationId) return err(notFound('message'));
  const membership = await loadMembership(deps, message.conversationId, actorId);
  if (!membership.ok) return err(notFound('message'));
  return ok({ ...membership.value, message });
}
