import { describe, expect, it } from 'vitest';
import { InMemoryBlobStore } from './in-memory-blob-store.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { InMemoryMessageStore } from './in-memory-message-store.js';

describe('InMemoryBlobStore signed URLs', () => {
  const store = new InMemoryBlobStore({ baseUrl: 'http://api.test/blobs', secret: 's3cret' });
  const parse = (url: string) => {
    const u = new URL(url);
    return [decodeURIComponent(u.pathname.replace('/blobs/', '')), Object.fromEntries(u.searchParams)] as const;
  };

  it('verifies its own URL for the signed method only, until it expires', async () => {
    const expiresAt = new Date('2026-01-01T00:10:00Z');
    const [key, query] = parse(
      (await store.createUploadUrl('media/u/1', { contentType: 'image/png', size: 3, expiresAt })).url,
    );
    const before = new Date('2026-01-01T00:00:00Z');
    expect(key).toBe('media/u/1');
    expect(store.verify('PUT', key, query, before)).toEqual({ size: 3, contentType: 'image/png' });
    expect(store.verify('GET', key, query, before)).toBeNull();
    expect(store.verify('PUT', 'media/u/2', query, before)).toBeNull();
    expect(store.verify('PUT', key, query, new Date('2026-01-01T00:11:00Z'))).toBeNull();
    expect(store.verify('PUT', key, { ...query, expires: String(Number(query.expires) + 1) }, before)).toBeNull();
    expect(store.verify('PUT', key, { ...query, size: '3000' }, before)).toBeNull();
  });
});

describe('InProcessJobQueue', () => {
  it('dead-letters a job after the last attempt', async () => {
    const queue = new InProcessJobQueue({ retry: { maxAttempts: 3, retryDelaysMs: [1] } });
    await queue.consume('notify.message', async () => 'retry');
    await queue.enqueue('notify.message', { messageId: 'm' });
    await queue.drain();
    expect((await queue.listDead('notify.message', 10)).map((j) => [j.attempt, j.reason])).toEqual([
      [3, 'failed 3 times'],
    ]);
  });

  it('does not queue the same job id twice', async () => {
    const queue = new InProcessJobQueue();
    let runs = 0;
    await queue.consume('media.process', async () => {
      runs += 1;
      return 'ack';
    });
    await queue.enqueue('media.process', {}, { id: 'media:1' });
    await queue.enqueue('media.process', {}, { id: 'media:1' });
    await queue.drain();
    expect(runs).toBe(1);
  });

  it('remembers the latest ids only: an id older than the last `rememberIds` runs again', async () => {
    const queue = new InProcessJobQueue({ rememberIds: 3 });
    const runs: string[] = [];
    await queue.consume('media.process', async (job) => {
      runs.push(job.id);
      return 'ack';
    });
    for (const id of ['a', 'b', 'c', 'c', 'd', 'b', 'a']) await queue.enqueue('media.process', {}, { id });
    await queue.drain();
    // 'b' is among the last three (b, c, d) when it comes again; 'a' is not: it was forgotten when 'd' came.
    expect(runs).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});

describe('InMemoryMessageStore', () => {
  it('hands out stored messages without copying them, frozen, and copies on write', async () => {
    const store = new InMemoryMessageStore();
    const draft = {
      id: 'm1',
      conversationId: 'c1',
      senderId: 'u1',
      type: 'text' as const,
      content: 'hi',
      clientMessageId: null,
      replyToId: null,
      forwardedFrom: null,
      attachmentIds: [],
      metadata: { mentions: [], links: [] },
      createdAt: new Date(),
      editedAt: null,
      deletedAt: null,
      deletedBy: null,
      hiddenFor: [],
    };
    await store.append(draft);
    const [first] = await store.page('c1', { limit: 10, viewerId: 'u2' });
    const [again] = await store.page('c1', { limit: 10, viewerId: 'u2' });
    expect(again, 'two reads, one object: nothing was cloned').toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first!.metadata)).toBe(true);
    expect(() => {
      (first as { content: string | null }).content = 'changed';
    }).toThrow(TypeError);
    const edited = await store.update('m1', { content: 'edited' });
    expect([first!.content, edited!.content, (await store.findById('m1'))!.content]).toEqual([
      'hi',
      'edited',
      'edited',
    ]);
    await store.hideFor('m1', 'u2');
    expect(await store.page('c1', { limit: 10, viewerId: 'u2' }), 'hidden for u2, in the log too').toEqual([]);
    expect(draft.hiddenFor, "the caller's draft is its own").toEqual([]);
  });
});
