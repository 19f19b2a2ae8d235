import { conversationTopic, messageCreatedEvent } from '../../domain/event.js';
import { toMessageView, type Message, type MessageView } from '../../domain/message.js';
import type { Ports } from '../../ports/index.js';
import type { MessageFollowUps } from './message-follow-ups.js';
import { publishSafely } from './record-event.js';

/** The jobs every new message carries in its outbox. */
export const outboxFor = (messageId: string, conversationId: string) =>
  [{ id: `notify:${messageId}`, name: 'notify.message' as const, payload: { messageId, conversationId } }];

/** Steps of the send path after which a test probe may run (and throw, to play a crash). */
export type SendStep = 'authorized' | 'composed' | 'stored' | 'shared' | 'published';
export type SendProbe = (step: SendStep) => void | Promise<void>;

export type PublishDeps = Pick<Ports, 'media' | 'publisher' | 'logger'> & { followUps: MessageFollowUps; probe?: SendProbe };

/** Attachments become readable by the conversation's members; idempotent. */
export async function shareAttachments(deps: Pick<Ports, 'media'>, message: Message): Promise<void> {
  for (const id of message.attachmentIds) await deps.media.markShared(id, message.conversationId, message.createdAt);
}

/**
 * What follows a freshly stored message on the acknowledged path: attachments become visible, the stored
 * record is fanned out as its `message.created` event, and the follow-ups start (see MessageFollowUps).
 * A brand-new message has no reactions, so its view needs no read.
 */
export async function announceMessage(deps: PublishDeps, message: Message): Promise<MessageView> {
  await shareAttachments(deps, message);
  await deps.probe?.('shared');
  await publishSafely(deps, conversationTopic(message.conversationId), { kind: 'conversation', event: messageCreatedEvent(message) });
  await deps.probe?.('published');
  deps.followUps.start(message);
  return toMessageView(message);
}

/**
 * A retry found the original. If the original's request died before finishing its follow-ups (its outbox
 * is not empty), the retry finishes them; all of them are idempotent.
 */
export async function completeEarlier(deps: PublishDeps, message: Message): Promise<void> {
  if (message.pendingJobs.length === 0) return;
  await shareAttachments(deps, message);
  deps.followUps.start(message);
}
