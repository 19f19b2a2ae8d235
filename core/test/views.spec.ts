import { describe, expect, it } from 'vitest';
import type { Message, ReactionStore, ReactionSummary } from '../src/index.js';
import { toViews } from '../src/modules/messaging/index.js';

const message = (id: string): Message => ({
  id,
  conversationId: 'c1',
  seq: 1,
  eventSeq: 1,
  senderId: 'ann',
  type: 'text',
  content: `hello ${id}`,
  clientMessageId: null,
  replyToId: null,
  forwardedFrom: null,
  attachmentIds: [],
  metadata: { mentions: [], links: [] },
  createdAt: new Date(0),
  editedAt: null,
  deletedAt: null,
  deletedBy: null,
  hiddenFor: [],
});
const freeze = (m: Message): Message =>
  Object.freeze({ ...m, attachmentIds: Object.freeze([...m.attachmentIds]) as string[] });

/** A reaction port where bob reacted 👍 to m2, and nobody to anything else. */
const reactions = {
  summarize: async (ids: readonly string[], viewerId: string) =>
    new Map<string, ReactionSummary[]>(
      ids.filter((id) => id === 'm2').map((id) => [id, [{ emoji: '👍', count: 1, mine: viewerId === 'bob' }]]),
    ),
} as unknown as ReactionStore;

describe('message views', () => {
  it('share one frozen view of a frozen message nobody reacted to, whoever reads it', async () => {
    const m1 = freeze(message('m1'));
    const [forAnn] = await toViews(reactions, [m1], 'ann');
    const [forBob] = await toViews(reactions, [m1], 'bob');
    expect(forBob).toBe(forAnn);
    expect(Object.isFrozen(forAnn)).toBe(true);
    expect(forAnn).toMatchObject({ id: 'm1', content: 'hello m1', reactions: [] });
  });

  it('never share a view with a viewer-specific field: "mine" is each viewer\'s own', async () => {
    const m2 = freeze(message('m2'));
    const [forAnn] = await toViews(reactions, [m2], 'ann');
    const [forBob] = await toViews(reactions, [m2], 'bob');
    expect(forAnn!.reactions).toEqual([{ emoji: '👍', count: 1, mine: false }]);
    expect(forBob!.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    expect(Object.isFrozen(forAnn)).toBe(false);
  });

  it('make a new view for a new version of a message, and fresh ones for rows that are not frozen', async () => {
    const v1 = freeze(message('m3'));
    const v2 = freeze({ ...v1, content: 'edited', editedAt: new Date(1) });
    const [first] = await toViews(reactions, [v1], 'ann');
    const [second] = await toViews(reactions, [v2], 'ann');
    expect(second).not.toBe(first);
    expect(second!.content).toBe('edited');
    const mutable = message('m4');
    const [a] = await toViews(reactions, [mutable], 'ann');
    const [b] = await toViews(reactions, [mutable], 'ann');
    expect(a).not.toBe(b);
    expect(Object.isFrozen(a)).toBe(false);
  });
});
