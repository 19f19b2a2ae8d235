/**
 * The WebSocket protocol's frames (docs/websocket.md; the AsyncAPI document at /api/asyncapi.json).
 * Messages and other REST shapes come from the OpenAPI document (generated/rest.ts).
 */
import type { components } from './generated/rest.js';

export type Message = components['schemas']['Message'];

/** A durable conversation event: dense `eventSeq` per conversation, replayable with `resume`. */
export interface ConversationEvent<T extends string = DurableEventType> {
  type: T;
  conversationId: string;
  eventSeq: number;
  actorId: string;
  createdAt: string;
  payload: { type: T; [key: string]: unknown };
}

export type DurableEventType =
  | 'conversation.created' | 'conversation.updated' | 'conversation.deleted'
  | 'participant.added' | 'participant.removed' | 'participant.role_changed'
  | 'message.created' | 'message.edited' | 'message.deleted'
  | 'reaction.added' | 'reaction.removed' | 'receipt.updated';

/** Ephemeral events: never stored, no eventSeq. */
export type EphemeralEvent =
  | { type: 'typing.started'; conversationId: string; userId: string; expiresAt: string }
  | { type: 'typing.stopped'; conversationId: string; userId: string }
  | { type: 'presence.updated'; userId: string; status: 'online' | 'away' | 'offline'; lastSeenAt?: string | null }
  | { type: 'conversation.joined'; conversationId: string; participant: Record<string, unknown> }
  | { type: 'conversation.left'; conversationId: string; userId: string }
  | { type: 'message.hidden'; conversationId: string; messageId: string }
  | { type: 'receipt.self'; conversationId: string; lastReadSeq: number; lastDeliveredSeq: number }
  | { type: 'media.updated'; mediaId: string; status: string };

export type ServerEvent = ConversationEvent | EphemeralEvent;

export const isDurable = (event: ServerEvent): event is ConversationEvent =>
  typeof (event as ConversationEvent).eventSeq === 'number';

export interface ErrorBody { code: string; message: string; details?: unknown }

export type ServerFrame =
  | { type: 'ready'; userId: string; connectionId: string }
  | { type: 'event'; event: ServerEvent }
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'error'; id: string | null; error: ErrorBody }
  | { type: 'pong'; id: string };

/** Commands and what their ack carries. */
export interface Commands {
  'message.send': { args: { conversationId: string; content?: string; clientMessageId: string; replyToId?: string | null; attachmentIds?: string[]; metadata?: Record<string, unknown> }; result: { message: Message; created: boolean } };
  'message.edit': { args: { messageId: string; content: string }; result: Message };
  'message.delete': { args: { messageId: string; for: 'me' | 'everyone' }; result: unknown };
  'typing.start': { args: { conversationId: string }; result: unknown };
  'typing.stop': { args: { conversationId: string }; result: unknown };
  read: { args: { conversationId?: string; messageId?: string; seq?: number; kind?: 'read' | 'delivered' }; result: unknown };
  'presence.away': { args: Record<string, never>; result: unknown };
  'presence.online': { args: Record<string, never>; result: unknown };
  resume: { args: { conversationId: string; lastEventSeq: number }; result: { events: ConversationEvent[]; lastEventSeq: number; hasMore: boolean } };
  auth: { args: { token: string }; result: unknown };
}

export type CommandName = keyof Commands;
