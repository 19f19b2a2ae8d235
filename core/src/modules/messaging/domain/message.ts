import type { MessageEntity } from './entities.js';
import type { Poll } from './poll.js';
import type { ReplyMarkup } from './reply-markup.js';
import type { ConversationEvent } from '../../delivery/index.js';

export type MessageType = 'text' | 'image' | 'file' | 'poll' | 'system';

export interface MessageMetadata {
  /** User ids mentioned in the message; every one is a participant at send time. */
  mentions: string[];
  /** http(s) links found in the content, in order, without duplicates. */
  links: string[];
  /** Mentions, links, hashtags and formatting in the content (absent in records older than entities). */
  entities?: MessageEntity[];
  /** Sent silently: nobody is notified of it (present only when true). */
  silent?: true;
}

export interface ForwardOrigin {
  messageId: string;
  conversationId: string;
  senderId: string;
}

export interface Message {
  id: string;
  conversationId: string;
  /** Dense and strictly increasing within the conversation, starting at 1. */
  seq: number;
  /**
   * The eventSeq of the message's own `message.created` entry in the conversation's event stream: the
   * message and that entry are one stored record, written at once.
   */
  eventSeq: number;
  senderId: string;
  type: MessageType;
  content: string | null;
  clientMessageId: string | null;
  replyToId: string | null;
  /** The message whose thread this reply is in: the root of what it replies to (absent or null: not a reply). */
  threadRootId?: string | null;
  forwardedFrom: ForwardOrigin | null;
  attachmentIds: string[];
  metadata: MessageMetadata;
  /** The poll of a message of type 'poll' (null, or absent in records older than polls, otherwise). */
  poll?: Poll | null;
  /** Buttons under a bot's message (absent or null: none). */
  replyMarkup?: ReplyMarkup | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  deletedBy: string | null;
  /** Users who deleted the message for themselves only. */
  hiddenFor: string[];
}

/**
 * A message's id names its conversation: `<conversationId>.<unique part>`. A store that keeps each
 * conversation in one partition (a MongoDB sharded by conversation, see docs/scaling.md) finds a message from
 * its id alone, without asking every partition. Ids made before this form have no conversation part.
 */
export const newMessageId = (conversationId: string, unique: string): string => `${conversationId}.${unique}`;

/** The conversation a message id names, or null for an id made before ids named one (see newMessageId). */
export function conversationOfMessage(messageId: string): string | null {
  const dot = messageId.lastIndexOf('.');
  return dot > 0 ? messageId.slice(0, dot) : null;
}

/** A message before the store gives it its seq and eventSeq. */
export type MessageDraft = Omit<Message, 'seq' | 'eventSeq'>;

/** What a new message carries, as its send composed it. */
export type MessageContent = Pick<
  MessageDraft,
  'type' | 'content' | 'replyToId' | 'attachmentIds' | 'metadata' | 'poll' | 'threadRootId' | 'replyMarkup'
>;

/**
 * A new message (not forwarded, not edited, not deleted) with this content, from this sender, now. Written field
 * by field, not spread: spreading contents of several shapes (with or without a poll, a thread, buttons) was 6% of
 * a send's CPU in the embedded default; the optional fields are set only when present, as before.
 */
export function newDraft(
  content: MessageContent,
  fields: Pick<MessageDraft, 'id' | 'conversationId' | 'senderId' | 'clientMessageId' | 'createdAt'>,
): MessageDraft {
  const draft: MessageDraft = {
    id: fields.id,
    conversationId: fields.conversationId,
    senderId: fields.senderId,
    clientMessageId: fields.clientMessageId,
    createdAt: fields.createdAt,
    type: content.type,
    content: content.content,
    replyToId: content.replyToId,
    attachmentIds: content.attachmentIds,
    metadata: content.metadata,
    forwardedFrom: null,
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    hiddenFor: [],
  };
  if ('poll' in content) draft.poll = content.poll;
  if ('threadRootId' in content) draft.threadRootId = content.threadRootId;
  if ('replyMarkup' in content) draft.replyMarkup = content.replyMarkup;
  return draft;
}

/** Where a message sits in its conversation. */
export interface MessageRef {
  conversationId: string;
  seq: number;
}

export const MAX_CONTENT_LENGTH = 4096;
export const MAX_ATTACHMENTS = 10;
export const MAX_MENTIONS = 50;
export const MAX_CLIENT_MESSAGE_ID = 128;

const LINK = /\bhttps?:\/\/[^\s<>"']+/gi;

export function extractLinks(content: string | null): string[] {
  if (!content) return [];
  return [...new Set(content.match(LINK) ?? [])].slice(0, 20);
}

/** Content, attachments and metadata go; the row stays so seqs and replies keep their meaning. */
export function tombstone(message: Message, by: string, at: Date): Partial<Message> {
  return {
    content: null,
    attachmentIds: [],
    metadata: { mentions: [], links: [] },
    poll: null,
    deletedAt: at,
    deletedBy: by,
    editedAt: message.editedAt,
  };
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  mine: boolean;
}

/** A message as a given viewer sees it. */
export interface MessageView extends Omit<Message, 'hiddenFor' | 'poll' | 'threadRootId' | 'replyMarkup'> {
  poll: Poll | null;
  threadRootId: string | null;
  replyMarkup: ReplyMarkup | null;
  reactions: ReactionSummary[];
  /** Whether the message was edited (its earlier texts: GET .../versions). */
  edited: boolean;
}

/** A message in its sender's GDPR export: all of it, and of who hid it only them. */
export type ExportedMessage = Message;

/**
 * The message less what is not the sender's data: other people's choices to hide it for themselves (their
 * ids in `hiddenFor`). The outbox's bookkeeping is not part of a Message at all.
 */
export function toExportedMessage(m: Message, subjectId: string): ExportedMessage {
  return { ...m, hiddenFor: m.hiddenFor.filter((id) => id === subjectId) };
}

/**
 * A view fit for everyone: events go to every member alike, so they never say whose the reactions are
 * (`mine` is false throughout; each client knows its own reactions from the reaction events).
 */
export const forEveryone = (view: MessageView): MessageView => ({
  ...view,
  reactions: view.reactions.map((r) => ({ emoji: r.emoji, count: r.count, mine: false })),
});

/**
 * The message without its private parts (who hid it, its outbox). Fields are named one by one: an object
 * of one fixed shape, and several times faster than a rest spread on the history path.
 */
export function toMessageView(m: Message, reactions: ReactionSummary[] = []): MessageView {
  return {
    id: m.id,
    conversationId: m.conversationId,
    senderId: m.senderId,
    type: m.type,
    content: m.content,
    clientMessageId: m.clientMessageId,
    replyToId: m.replyToId,
    forwardedFrom: m.forwardedFrom,
    attachmentIds: m.attachmentIds,
    metadata: m.metadata,
    createdAt: m.createdAt,
    editedAt: m.editedAt,
    deletedAt: m.deletedAt,
    deletedBy: m.deletedBy,
    seq: m.seq,
    eventSeq: m.eventSeq,
    reactions,
    edited: m.editedAt !== null,
    poll: m.poll ?? null,
    threadRootId: m.threadRootId ?? null,
    replyMarkup: m.replyMarkup ?? null,
  };
}

/** A stored message read as its own `message.created` event (they are one record). */
export const messageCreatedEvent = (message: Message): ConversationEvent => ({
  conversationId: message.conversationId,
  eventSeq: message.eventSeq,
  actorId: message.senderId,
  createdAt: message.createdAt,
  payload: { type: 'message.created', message: toMessageView(message) },
});
