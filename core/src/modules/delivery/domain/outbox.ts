import type { Message } from '../../messaging/index.js';

/** A job a stored message still owes: queued by its follow-ups, under an id that makes queueing it idempotent. */
export interface PendingJob {
  id: string;
  name: 'notify.message';
  payload: Record<string, unknown>;
}

/**
 * What a process stores with a message, in the same write: which process stored it (the `origin` its
 * outbox checkpoint is kept under) and the jobs it owes. It runs with the message's other follow-ups; the
 * origin's checkpoint says whether they are done, and RelayOutbox runs them for messages whose process
 * died first. It is the delivery module's bookkeeping, never part of the Message.
 */
export interface OutboxEntry {
  origin: string;
  jobs: PendingJob[];
}

/** A stored message with its outbox entry, as the relay reads it. */
export interface OutboxRecord extends OutboxEntry {
  message: Message;
}
