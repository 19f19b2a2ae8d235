import { conversationTopic, notifyFactsOf, type OutboxEntry, type PendingJob } from '../../delivery/index.js';
import { messageCreatedEvent } from '../domain/message.js';
import { toMessageView, type Message, type MessageDraft, type MessageView } from '../domain/message.js';
import type { Ports } from '../../../ports.js';
import type { MessageFollowUps } from './message-follow-ups.js';
import { publishSafely } from '../../delivery/index.js';
import { shareAttachments } from './share-attachments.js';

/**
 * The jobs every new message owes (its outbox entry's). The notify job carries what deciding who is notified
 * needs (NotifyFacts), so it reads the message only when a notification goes out.
 */
export const jobsFor = (message: MessageDraft): PendingJob[] => [
  { id: `notify:${message.id}`, name: 'notify.message', payload: { ...notifyFactsOf(message) } },
];

/** Steps of the send path after which a test probe may run (and throw, to play a crash). */
export type SendStep = 'authorized' | 'composed' | 'stored' | 'shared' | 'published';
export type SendProbe = (step: SendStep) => void | Promise<void>;

export type PublishDeps = Pick<Ports, 'media' | 'publisher' | 'logger'> & {
  followUps: MessageFollowUps;
  probe?: SendProbe;
};

/**
 * Stores a draft as one insert with its outbox entry (this process's origin and the jobs it owes), with
 * this process's outbox checkpoint held before it until its follow-ups are done (see MessageFollowUps):
 * `created` false when a retry found the original, whose entry comes back instead.
 */
export async function storeMessage(
  deps: Pick<Ports, 'messages'> & PublishDeps,
  draft: MessageDraft,
  jobs: PendingJob[],
): Promise<{ message: Message; created: boolean; outbox: OutboxEntry | null }> {
  await deps.followUps.admit(draft);
  try {
    const stored = await deps.messages.append(draft, { origin: deps.followUps.origin, jobs });
    if (!stored.created) deps.followUps.release(draft, 'no');
    return stored;
  } catch (error) {
    // It may or may not have been stored: this process repeats its follow-ups from here on, if it was.
    deps.followUps.release(draft, 'unknown');
    throw error;
  }
}

/**
 * What follows a freshly stored message on the acknowledged path: attachments become visible, the stored
 * record is fanned out as its `message.created` event, and the follow-ups start (see MessageFollowUps).
 * A brand-new message has no reactions, so its view needs no read. If any of it fails, the follow-ups
 * are left to the relay and the error goes on to the client, whose retry finds the message.
 */
export async function announceMessage(deps: PublishDeps, message: Message, jobs: PendingJob[]): Promise<MessageView> {
  try {
    await shareAttachments(deps, message);
    await deps.probe?.('shared');
    await publishSafely(deps, conversationTopic(message.conversationId), {
      kind: 'conversation',
      event: messageCreatedEvent(message),
    });
    await deps.probe?.('published');
  } catch (error) {
    deps.followUps.release(message, 'unknown');
    throw error;
  }
  deps.followUps.start(message, jobs);
  return toMessageView(message);
}

/**
 * A retry found the original. If the original's request may have died before finishing its follow-ups
 * (its process says so, or that process's checkpoint is still before it), the retry runs them again;
 * all of them are idempotent.
 */
export async function completeEarlier(deps: PublishDeps, message: Message, outbox: OutboxEntry | null): Promise<void> {
  if (outbox && (await deps.followUps.mayBePending(message, outbox))) deps.followUps.repeat({ message, ...outbox });
}
