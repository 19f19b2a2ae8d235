/**
 * The WebSocket protocol's frames, typed from the server's AsyncAPI document (generated/socket.ts, from
 * /api/asyncapi.json); messages and other REST shapes from its OpenAPI document (generated/rest.ts).
 */
import type { components } from './generated/rest.js';
import type { components as socket } from './generated/socket.js';

type S = socket['schemas'];
export type Message = components['schemas']['Message'];
/** A send a moderator must review first (a `hold` filter caught it): it is not a message yet. */
export type HeldReceipt = components['schemas']['HeldReceipt'];
/** What a send comes back with: the message, or the receipt of one held for review. */
export type Sent = Message | HeldReceipt;
export const isHeld = (sent: Sent): sent is HeldReceipt => 'heldAt' in sent;

/** Every event a socket receives. */
export type ServerEvent = S['FrameEvent']['event'];
type Durable = Extract<ServerEvent, { eventSeq: number }>;
export type DurableEventType = Durable['type'];

/** A durable conversation event: dense `eventSeq` per conversation, replayable with `resume`. */
export type ConversationEvent<T extends DurableEventType = DurableEventType> = Omit<Durable, 'type' | 'payload'> & {
  type: T;
  payload: { type: T; [key: string]: unknown };
};

/** Ephemeral events: never stored, no eventSeq (typing, presence, your own other devices...). */
export type EphemeralEvent = Exclude<ServerEvent, { eventSeq: number }>;

export const isDurable = (event: ServerEvent): event is ConversationEvent =>
  typeof (event as { eventSeq?: unknown }).eventSeq === 'number';

export type ServerFrame = S['FrameReady'] | S['FrameAck'] | S['FrameError'] | S['FramePong'] | S['FrameEvent'];
/** What a parley.v2 socket may send: a frame, or several in a batch. */
export type ServerMessage = ServerFrame | S['FrameBatch'];

type Args<T> = Omit<T, 'id' | 'type'>;

/** Commands (their arguments, from the document) and what their ack carries. */
export interface Commands {
  'message.send': {
    args: Args<S['CommandMessageSend']>;
    result: { message: Message; created: boolean } | { held: HeldReceipt; created: boolean };
  };
  'message.edit': { args: Args<S['CommandMessageEdit']>; result: Message };
  'message.delete': { args: Args<S['CommandMessageDelete']>; result: unknown };
  'typing.start': { args: Args<S['CommandTypingStart']>; result: unknown };
  'typing.stop': { args: Args<S['CommandTypingStop']>; result: unknown };
  read: { args: Args<S['CommandRead']>; result: unknown };
  'presence.away': { args: Args<S['CommandPresenceAway']>; result: unknown };
  'presence.online': { args: Args<S['CommandPresenceOnline']>; result: unknown };
  /** Stored events carry no top-level `type` (the client adds it from the payload). */
  resume: {
    args: Args<S['CommandResume']>;
    result: { events: Omit<ConversationEvent, 'type'>[]; lastEventSeq: number; hasMore: boolean };
  };
  auth: { args: Args<S['CommandAuth']>; result: unknown };
}

export type CommandName = keyof Commands;
