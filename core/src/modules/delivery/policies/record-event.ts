import {
  conversationTopic,
  userTopic,
  type ConversationEvent,
  type ConversationEventPayload,
  type EphemeralEvent,
} from '../domain/event.js';
import type { Ports } from '../../../ports.js';

export type EventDeps = Pick<Ports, 'events' | 'conversations' | 'publisher' | 'clock' | 'logger'>;

/**
 * Appends a durable conversation event, moves the conversation's activity marks and fans it out live.
 * A fan-out failure is logged, not raised: the event is stored, and clients catch up by eventSeq.
 */
export async function recordEvent(
  deps: EventDeps,
  conversationId: string,
  actorId: string,
  payload: ConversationEventPayload,
  messageSeq?: number,
): Promise<ConversationEvent> {
  const event = await deps.events.append({ conversationId, actorId, createdAt: deps.clock.now(), payload });
  await deps.conversations.recordActivity(conversationId, {
    at: event.createdAt,
    eventSeq: event.eventSeq,
    ...(messageSeq === undefined ? {} : { messageSeq }),
  });
  await publishSafely(deps, conversationTopic(conversationId), { kind: 'conversation', event });
  return event;
}

/** Sends an ephemeral event to one user's devices. */
export async function notifyUser(
  deps: Pick<Ports, 'publisher' | 'logger'>,
  userId: string,
  event: EphemeralEvent,
): Promise<void> {
  await publishSafely(deps, userTopic(userId), { kind: 'ephemeral', event });
}

export async function publishSafely(
  deps: Pick<Ports, 'publisher' | 'logger'>,
  ...args: Parameters<Ports['publisher']['publish']>
): Promise<void> {
  try {
    await deps.publisher.publish(...args);
  } catch (error) {
    deps.logger.warn('realtime fan-out failed', { topic: args[0], error: String(error) });
  }
}
