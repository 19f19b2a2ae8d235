import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { aMessageDraft } from '@parley/core/testkit';
import { createMongoStores, ensureIndexes, isFerretDb, type StorePorts } from './index.js';
import { LOG_COLLECTION } from './mongo-message-store.js';

/**
 * Issue 23 item 2: what a rollback does to the log, played by deleting the last entry behind a node's back (what a
 * failover does to a write no majority had). Needs MONGO_URL (CI: FerretDB).
 */
let client: MongoClient;
let db: Db;
let ferretdb = false;

beforeAll(async () => {
  if (!process.env.MONGO_URL) throw new Error('MONGO_URL is required (scripts/services.sh up)');
  client = await new MongoClient(process.env.MONGO_URL).connect();
  ferretdb = isFerretDb(await client.db('admin').command({ buildInfo: 1 }));
});

afterAll(async () => {
  await client?.close();
});

let nodeA: StorePorts;
let nodeB: StorePorts;

beforeEach(async () => {
  db = client.db(`parley_repair_${randomUUID().slice(0, 8)}`);
  await ensureIndexes(db, { ferretdb });
  nodeA = createMongoStores(db, { serializeWrites: ferretdb });
  nodeB = createMongoStores(db, { serializeWrites: ferretdb });
  return async () => {
    await db.dropDatabase();
  };
});

const send = (node: StorePorts, content: string) => node.messages.append(aMessageDraft('c1', { content }));
const rollBackLast = () => db.collection(LOG_COLLECTION).deleteOne({ conversationId: 'c1', eventSeq: 3 });

async function stream(node: StorePorts) {
  const events = await node.events.listAfter('c1', 0, 100);
  const messages = events.flatMap((e) => (e.payload.type === 'message.created' ? [e.payload.message] : []));
  return { eventSeqs: events.map((e) => e.eventSeq), messages };
}

describe('a log entry lost behind a node’s back (a rollback)', () => {
  it('sending from that node, then another: no duplicate seq, the hole filled by a deleted message', async () => {
    for (const text of ['one', 'two', 'three']) await send(nodeA, text);
    await rollBackLast();
    // Node A still believes in position 3 (its cached head) and takes 4; node B reads the head and takes 5.
    await send(nodeA, 'four');
    await send(nodeB, 'five');
    const { eventSeqs, messages } = await stream(nodeB);
    expect(eventSeqs).toEqual([1, 2, 3, 4, 5]);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(messages.map((m) => m.content)).toEqual(['one', 'two', null, 'four', 'five']);
    expect(messages[2]!.deletedAt).not.toBeNull();
    // The filler is stored: the other node, and history by seq, see the same.
    expect((await stream(nodeA)).eventSeqs).toEqual([1, 2, 3, 4, 5]);
    const page = await nodeA.messages.page('c1', { limit: 10, viewerId: 'x' });
    expect(page.map((m) => m.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it('sending from another node first: it takes the lost position again, and the first node follows it', async () => {
    for (const text of ['one', 'two', 'three']) await send(nodeA, text);
    await rollBackLast();
    await send(nodeB, 'again');
    await send(nodeA, 'four');
    const { eventSeqs, messages } = await stream(nodeA);
    expect(eventSeqs).toEqual([1, 2, 3, 4]);
    expect(messages.map((m) => [m.seq, m.content])).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'again'],
      [4, 'four'],
    ]);
  });

  it('a lost event (not a message) is filled by a log.gap event and takes no message seq', async () => {
    await send(nodeA, 'one');
    await nodeA.events.append({
      conversationId: 'c1',
      actorId: 'ann',
      createdAt: new Date(),
      payload: { type: 'conversation.deleted', conversationId: 'c1' },
    });
    await send(nodeA, 'three');
    await db.collection(LOG_COLLECTION).deleteOne({ conversationId: 'c1', eventSeq: 2 });
    const events = await nodeB.events.listAfter('c1', 1, 10);
    expect(events.map((e) => [e.eventSeq, e.payload.type])).toEqual([
      [2, 'log.gap'],
      [3, 'message.created'],
    ]);
    expect((await stream(nodeB)).messages.map((m) => m.seq)).toEqual([1, 2]);
  });
});
