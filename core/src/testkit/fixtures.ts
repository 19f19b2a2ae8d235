import type { Conversation } from '../modules/conversations/index.js';
import type { Media } from '../modules/media/index.js';
import { newMessageId, type MessageDraft } from '../modules/messaging/index.js';
import type { Participant } from '../modules/conversations/index.js';
import type { User } from '../modules/identity/index.js';
import type { Clock } from '../shared/ports/clock.port.js';

let counter = 0;
/** Unique, sortable-enough ids for fixtures; a random tail keeps parallel runs on a shared server apart. */
export const fixtureId = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}-${(++counter).toString(36).padStart(4, '0')}-` +
  Math.random().toString(36).slice(2, 8);

export const at = (iso: string): Date => new Date(iso);

export function aUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? fixtureId('u');
  const handle = id
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(-20);
  return {
    id,
    email: `${handle}@example.test`,
    username: `user_${handle}`,
    displayName: `User ${handle}`,
    bio: '',
    avatarMediaId: null,
    passwordHash: 'x',
    role: 'user',
    bannedAt: null,
    banReason: null,
    lastSeenAt: null,
    erasedAt: null,
    createdAt: at('2026-01-01T00:00:00Z'),
    updatedAt: at('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

export function aConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: fixtureId('c'),
    kind: 'group',
    name: 'Group',
    username: null,
    description: null,
    avatarMediaId: null,
    settings: { retentionDays: null, slowModeSeconds: null },
    createdBy: 'someone',
    directKey: null,
    memberLimit: 1000,
    lastMessageSeq: 0,
    lastEventSeq: 0,
    lastMessageAt: null,
    lastActivityAt: at('2026-01-01T00:00:00Z'),
    createdAt: at('2026-01-01T00:00:00Z'),
    updatedAt: at('2026-01-01T00:00:00Z'),
    deletedAt: null,
    ...overrides,
  };
}

export function aParticipant(
  conversationId: string,
  userId: string,
  overrides: Partial<Participant> = {},
): Participant {
  return {
    conversationId,
    userId,
    role: 'member',
    state: 'active',
    joinedAt: at('2026-01-01T00:00:00Z'),
    leftAt: null,
    lastReadSeq: 0,
    lastReadAt: null,
    lastDeliveredSeq: 0,
    lastDeliveredAt: null,
    mutedUntil: null,
    ...overrides,
  };
}

export function aMessageDraft(conversationId: string, overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    id: newMessageId(conversationId, fixtureId('m')),
    conversationId,
    senderId: 'sender',
    type: 'text',
    content: 'hello',
    clientMessageId: null,
    replyToId: null,
    forwardedFrom: null,
    attachmentIds: [],
    metadata: { mentions: [], links: [] },
    createdAt: at('2026-01-01T00:00:00Z'),
    editedAt: null,
    deletedAt: null,
    deletedBy: null,
    hiddenFor: [],
    ...overrides,
  };
}

export function aMedia(ownerId: string, overrides: Partial<Media> = {}): Media {
  const id = overrides.id ?? fixtureId('media');
  return {
    id,
    ownerId,
    kind: 'image',
    filename: 'cat.png',
    contentType: 'image/png',
    size: 10,
    status: 'pending',
    rejectReason: null,
    width: null,
    height: null,
    thumbnails: [],
    storageKey: `media/${ownerId}/${id}`,
    sharedIn: [],
    attachedAt: null,
    createdAt: at('2026-01-01T00:00:00Z'),
    updatedAt: at('2026-01-01T00:00:00Z'),
    ...overrides,
  };
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = new Date('2026-01-01T00:00:00Z')) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(date: Date): void {
    this.current = new Date(date);
  }
}
