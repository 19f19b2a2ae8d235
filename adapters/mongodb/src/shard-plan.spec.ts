import { describe, expect, it } from 'vitest';
import { describeShape, shapesOf } from './query-shapes.js';
import { checkIndexes, checkShapes, checkTtl } from './shard-plan.js';
import { byMessageId } from './mongo-message-store.js';
import type { INDEXES } from './indexes.js';

const shapes = (commandName: string, command: Record<string, unknown>) => shapesOf({ commandName, command });
const problems = (commandName: string, command: Record<string, unknown>) =>
  checkShapes(shapes(commandName, command)).map((v) => v.problem);

describe('query shapes', () => {
  it('keep the constrained fields and how, not the values', () => {
    const [shape] = shapes('find', {
      find: 'log',
      filter: { conversationId: 'c1', kind: 'm', seq: { $gt: 4, $lt: 9 }, $or: [{ a: 1 }, { b: { $in: [1] } }] },
      sort: { seq: 1 },
    });
    expect(describeShape(shape!)).toBe('log find {conversationId:eq kind:eq seq:$gt,$lt $or[a:eq | b:in]} sort(seq)');
  });

  it('tell single-document writes from multi ones', () => {
    const update = shapes('update', {
      update: 'log',
      updates: [{ q: { _id: 'x' } }, { q: { kind: 'm' }, multi: true }],
    });
    expect(update.map(describeShape)).toEqual(['log update one {_id:eq}', 'log update {kind:eq}']);
  });
});

describe('the shard plan check', () => {
  it('passes a history page and an insert that carry the conversation', () => {
    expect(problems('find', { find: 'log', filter: { conversationId: 'c1', kind: 'm', seq: { $lt: 9 } } })).toEqual([]);
    expect(problems('insert', { insert: 'log', documents: [{ _id: 'c1.m1', conversationId: 'c1' }] })).toEqual([]);
  });

  it('fails a lookup by _id alone on the log: it would go to every shard', () => {
    expect(problems('find', { find: 'log', filter: { _id: 'm1', kind: 'm' } })).toEqual(['goes to every shard']);
  });

  it('fails a single-document write without the whole shard key by equality', () => {
    expect(problems('findAndModify', { findAndModify: 'participants', query: { _id: 'c1:u1' } })).toEqual([
      'a single-document write without the whole shard key by equality',
    ]);
    expect(
      problems('delete', { delete: 'reactions', deletes: [{ q: { messageId: { $in: ['m'] } }, limit: 1 }] }),
    ).toEqual(['a single-document write without the whole shard key by equality']);
  });

  it('fails an insert whose _id does not hold its shard key where _id uniqueness is relied on', () => {
    const insert = { insert: 'participants', documents: [{ _id: 'u1', conversationId: 'c1', userId: 'u1' }] };
    expect(problems('insert', insert)).toEqual([
      'an _id that does not contain the shard key: _id uniqueness would hold per shard only',
    ]);
    expect(problems('insert', { insert: 'participants', documents: [{ _id: 'x', userId: 'u1' }] })).toEqual([
      'inserts without the shard key (conversationId)',
    ]);
  });

  it('lets the listed background scatters through, and nothing like them on a request path', () => {
    const relay = { kind: 'm', origin: 'p1', createdAt: { $gte: new Date() } };
    expect(problems('find', { find: 'log', filter: relay })).toEqual([]);
    expect(problems('find', { find: 'log', filter: { kind: 'm', content: 'x' } })).toEqual([
      'goes to every shard',
      'no index serves this filter',
    ]);
  });

  it('fails a filter no index starts from on a large collection', () => {
    expect(problems('find', { find: 'users', filter: { bio: 'x' } })).toEqual(['no index serves this filter']);
    expect(problems('find', { find: 'users', filter: { email: 'a@b.c' } })).toEqual([]);
  });
});

describe('the unique indexes', () => {
  it('of sharded collections are prefixed by the shard key, and one that is not is caught', () => {
    expect(checkIndexes()).toEqual([]);
    expect(checkIndexes([['log', { clientKey: 1 }, { unique: true }]])).toEqual([
      { shape: 'log unique (clientKey)', problem: 'not prefixed by the shard key (conversationId)' },
    ]);
  });
});

describe('TTL indexes', () => {
  it('each need a tested sweep by their field', () => {
    const ttl: typeof INDEXES = [['sync_snapshots', { expiresAt: 1 }, { expireAfterSeconds: 0 }]];
    const sweep = shapes('find', { find: 'sync_snapshots', filter: { expiresAt: { $lte: new Date() } } });
    expect(checkTtl(sweep, ttl)).toEqual([]);
    expect(checkTtl(shapes('find', { find: 'sync_snapshots', filter: { _id: 's' } }), ttl)).toEqual([
      { shape: 'sync_snapshots TTL (expiresAt)', problem: 'no sweep by this field was tested' },
    ]);
  });
});

describe('message ids', () => {
  it('name their conversation, so a lookup by id carries the shard key; older ids do not', () => {
    expect(byMessageId('c1.0190-abc')).toEqual({ _id: 'c1.0190-abc', conversationId: 'c1' });
    expect(byMessageId('0190-abc')).toEqual({ _id: '0190-abc' });
  });
});
