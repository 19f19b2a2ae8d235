import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { MongoClient, type Document } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditStoreContract,
  conversationStoreContract,
  eventStoreContract,
  flagStoreContract,
  mediaStoreContract,
  messageStoreContract,
  outboxLogContract,
  outboxCheckpointStoreContract,
  syncSnapshotStoreContract,
  notificationLogContract,
  editHistoryStoreContract,
  inviteStoreContract,
  pollStoreContract,
  scheduledMessageStoreContract,
  threadStoreContract,
  viewStoreContract,
  participantStoreContract,
  pinStoreContract,
  reactionStoreContract,
  reportStoreContract,
  purgeStoreContract,
  contentFilterStoreContract,
  heldMessageStoreContract,
  sessionStoreContract,
  accountTokenStoreContract,
  twoFactorStoreContract,
  pushTargetStoreContract,
  botStoreContract,
  botChatStoreContract,
  integrationWebhookStoreContract,
  webhookDeliveryLogContract,
  botUpdateStoreContract,
  numericIdStoreContract,
  blockStoreContract,
  conversationBanStoreContract,
  userStoreContract,
  aMessageDraft,
  type FixtureFactory,
} from '@parley/core/testkit';
import { createMongoStores, ensureIndexes, isFerretDb, type StorePorts } from './index.js';
import { MongoMessageStore } from './mongo-message-store.js';
import { WriteGuard } from './support.js';
import { describeShape, ShapeRecorder } from './query-shapes.js';
import { checkIndexes, checkShapes, checkTtl } from './shard-plan.js';

/** Every query shape the contracts send, held to the shard plan at the end (see shard-plan.ts). */
const recorder = new ShapeRecorder();

let client: MongoClient;
let ferretdb = false;
let stop = async () => {};

/** MONGO_URL when set (CI: FerretDB), else a throwaway mongo container when Docker is reachable. */
async function mongoUrl(): Promise<string> {
  if (process.env.MONGO_URL) return process.env.MONGO_URL;
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer('mongo:7').withExposedPorts(27017).start();
  stop = async () => {
    await container.stop();
  };
  return `mongodb://${container.getHost()}:${container.getMappedPort(27017)}`;
}

/** The server the tests talk to (a second client connects to it as another node would). */
let url = '';
beforeAll(async () => {
  url = await mongoUrl();
  client = await new MongoClient(url, {
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: true,
  }).connect();
  ferretdb = isFerretDb(await client.db('admin').command({ buildInfo: 1 }));
  recorder.attach(client);
});

afterAll(async () => {
  await client?.close();
  await stop();
});

/** A fresh database per test, dropped afterwards. */
function fresh<K extends keyof StorePorts>(name: K): FixtureFactory<StorePorts[K]> {
  return async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    return {
      port: createMongoStores(db, { serializeWrites: ferretdb })[name],
      teardown: async () => {
        await db.dropDatabase();
      },
    };
  };
}

const t = { describe, it };
userStoreContract(t, fresh('users'));
sessionStoreContract(t, fresh('sessions'));
accountTokenStoreContract(t, fresh('accountTokens'));
twoFactorStoreContract(t, fresh('twoFactor'));
pushTargetStoreContract(t, fresh('pushTargets'));
botStoreContract(t, fresh('bots'));
botChatStoreContract(t, fresh('botChats'));
integrationWebhookStoreContract(t, fresh('integrationWebhooks'));
webhookDeliveryLogContract(t, fresh('webhookDeliveries'));
botUpdateStoreContract(t, fresh('botUpdates'));
numericIdStoreContract(t, fresh('numericIds'));
blockStoreContract(t, fresh('blocks'));
conversationBanStoreContract(t, fresh('conversationBans'));
conversationStoreContract(t, fresh('conversations'));
participantStoreContract(t, fresh('participants'));
messageStoreContract(t, fresh('messages'));
// The lookups MongoDB itself gets (one query with `$or`/`$in`), against this server too: FerretDB answers
// them correctly, only slowly, so both ways of asking are held to the same contract.
describe('as on MongoDB (one query per multi-key lookup)', () => {
  messageStoreContract(t, async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    return {
      port: new MongoMessageStore(db, new WriteGuard(ferretdb), undefined, false),
      teardown: async () => {
        await db.dropDatabase();
      },
    };
  });
});
outboxLogContract(t, async () => {
  const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
  await ensureIndexes(db);
  const { messages, outboxLog } = createMongoStores(db, { serializeWrites: ferretdb });
  return { port: { messages, outboxLog }, teardown: () => db.dropDatabase().then(() => undefined) };
});
outboxCheckpointStoreContract(t, fresh('checkpoints'));
syncSnapshotStoreContract(t, fresh('syncSnapshots'));
notificationLogContract(t, fresh('notificationLog'));
reactionStoreContract(t, fresh('reactions'));
pinStoreContract(t, fresh('pins'));
inviteStoreContract(t, fresh('invites'));
editHistoryStoreContract(t, fresh('editHistory'));
scheduledMessageStoreContract(t, fresh('scheduled'));
pollStoreContract(t, fresh('polls'));
viewStoreContract(t, fresh('views'));
threadStoreContract(t, fresh('threads'));
eventStoreContract(t, fresh('events'));
mediaStoreContract(t, fresh('media'));
reportStoreContract(t, fresh('reports'));
purgeStoreContract(t, fresh('purges'));
contentFilterStoreContract(t, fresh('contentFilters'));
heldMessageStoreContract(t, fresh('heldMessages'));
auditStoreContract(t, fresh('audit'));
flagStoreContract(t, fresh('flags'));

/**
 * The message store as FerretDB gets it (history read by 64-message blocks), on whichever server runs the tests:
 * each its own process (sequencer), as another API node would be.
 */
const byBlock = (db: ReturnType<MongoClient['db']>) =>
  new MongoMessageStore(db, new WriteGuard(ferretdb), undefined, true);

describe('Mongo adapter specifics', () => {
  it('knows whether it talks to FerretDB (CI does)', () => {
    expect(ferretdb).toBe(process.env.MONGO_URL !== undefined && process.env.PARLEY_EXPECT_MONGODB !== '1');
  });

  it('ensureIndexes is idempotent', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    await ensureIndexes(db);
    await db.dropDatabase();
  });

  it('two nodes starting together on a new database both start (the soak found the second one failing)', async () => {
    const name = `parley_test_${randomUUID().slice(0, 8)}`;
    const other = await new MongoClient(url).connect();
    try {
      for (let round = 0; round < 3; round += 1) {
        const [a, b] = [client.db(`${name}_${round}`), other.db(`${name}_${round}`)];
        await Promise.all([ensureIndexes(a), ensureIndexes(b)]);
        expect(await a.collection('migrations').countDocuments({ _id: 'log.seqBlock' as never })).toBe(1);
        await a.dropDatabase();
      }
    } finally {
      await other.close();
    }
  });

  it('a send is one insert: no read of the highest seq once the process knows the head', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const { messages } = createMongoStores(db, { serializeWrites: ferretdb });
    await messages.append(aMessageDraft('c1'));
    const commands: string[] = [];
    const listener = (event: { commandName: string; databaseName: string }) => {
      if (event.databaseName === db.databaseName) commands.push(event.commandName);
    };
    client.on('commandStarted', listener);
    try {
      for (let i = 0; i < 5; i += 1) await messages.append(aMessageDraft('c1', { clientMessageId: `k${i}` }));
    } finally {
      client.off('commandStarted', listener);
    }
    expect(commands).toEqual(Array(5).fill('insert'));
    await db.dropDatabase();
  });

  /**
   * The find commands sent to `db` while `run` ran, and the documents the server returned to them. FerretDB 1.x
   * pushes only equality filters down to PostgreSQL; a range or a sort makes it read and decode every document that
   * matches the rest, which no reply shows: so the shapes are what is checked.
   */
  async function findsDuring(db: ReturnType<MongoClient['db']>, run: () => Promise<unknown>) {
    const finds: Document[] = [];
    const ours = new Set<number>();
    let returned = 0;
    const started = (event: { requestId: number; databaseName: string; commandName: string; command: Document }) => {
      if (event.databaseName !== db.databaseName) return;
      ours.add(event.requestId);
      if (event.commandName === 'find') finds.push(event.command);
    };
    const succeeded = (event: { requestId: number; reply: Document }) => {
      const cursor = (event.reply as { cursor?: { firstBatch?: unknown[]; nextBatch?: unknown[] } }).cursor;
      if (ours.has(event.requestId)) returned += (cursor?.firstBatch ?? cursor?.nextBatch ?? []).length;
    };
    client.on('commandStarted', started);
    client.on('commandSucceeded', succeeded);
    try {
      await run();
    } finally {
      client.off('commandStarted', started);
      client.off('commandSucceeded', succeeded);
    }
    const pushedDown = finds.every(
      (find) =>
        find.sort === undefined &&
        Object.values(find.filter as Document).every((value) => typeof value !== 'object' || value === null),
    );
    return { finds: finds.length, returned, pushedDown };
  }

  it("a page by block asks by equality for two or three blocks, whatever the conversation's length", async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const messages = byBlock(db);
    const total = 500;
    for (let i = 0; i < total; i += 1) await messages.append(aMessageDraft('c1'));
    // A fresh store, as another process would be: it finds the head by itself the first time, then from its hint.
    const other = byBlock(db);
    const cold = await findsDuring(db, () => other.page('c1', { limit: 51, viewerId: 'x' }));
    await messages.append(aMessageDraft('c1'));
    const latest = await findsDuring(db, () => other.page('c1', { limit: 51, viewerId: 'x' }));
    const middle = await findsDuring(db, () => other.page('c1', { before: 250, limit: 51, viewerId: 'x' }));
    const forward = await findsDuring(db, () => other.page('c1', { after: 100, limit: 51, viewerId: 'x' }));
    expect((await other.page('c1', { limit: 1, viewerId: 'x' }))[0]?.seq).toBe(total + 1);
    // Every page by equality only (no range, no sort: what FerretDB pushes down), two or three blocks of 64; the
    // cold head search reads about 2·log2(blocks) more, once.
    expect([cold, latest, middle, forward].map((page) => page.pushedDown)).toEqual([true, true, true, true]);
    expect([cold.finds <= 8, latest.finds <= 3, middle.finds <= 2, forward.finds <= 2]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([latest, middle, forward].map((page) => page.returned <= 64 * 3)).toEqual([true, true, true]);
    await db.dropDatabase();
  });

  it('serves pages from documents stored before history blocks existed, and from blocks once filled in', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const messages = byBlock(db);
    for (let i = 0; i < 140; i += 1) await messages.append(aMessageDraft('c1'));
    // As an older version stored them: no block, and no record that the backfill ran.
    await db.collection('log').updateMany({ kind: 'm' }, { $unset: { seqBlock: '' } });
    await db.collection('migrations').deleteMany({});
    const before = byBlock(db);
    const pages = async (store: typeof before) => [
      (await store.page('c1', { limit: 70, viewerId: 'x' })).map((m) => m.seq),
      (await store.page('c1', { after: 60, limit: 10, viewerId: 'x' })).map((m) => m.seq),
    ];
    const expected = [Array.from({ length: 70 }, (_, i) => 140 - i), Array.from({ length: 10 }, (_, i) => 61 + i)];
    expect(await pages(before)).toEqual(expected);
    await ensureIndexes(db); // what the next start does: fills the blocks in
    expect(await db.collection('log').countDocuments({ kind: 'm', seqBlock: { $exists: false } })).toBe(0);
    const after = byBlock(db);
    expect(await pages(after)).toEqual(expected);
    await db.dropDatabase();
  });

  it('appends waiting in one conversation go in ordered batches: fewer inserts than messages, seqs dense', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const { messages } = createMongoStores(db, { serializeWrites: ferretdb });
    await messages.append(aMessageDraft('c1', { senderId: 'ann', clientMessageId: 'early' }));
    let inserts = 0;
    const count = (event: { commandName: string; databaseName: string }) => {
      if (event.databaseName === db.databaseName && event.commandName === 'insert') inserts += 1;
    };
    client.on('commandStarted', count);
    try {
      const results = await Promise.all(
        Array.from({ length: 64 }, (_, i) =>
          // Every eighth is a retry of a stored send: it settles as that send, and the rest close up behind it.
          messages.append(aMessageDraft('c1', { senderId: 'ann', clientMessageId: i % 8 === 0 ? 'early' : `m${i}` })),
        ),
      );
      const created = results.filter((r) => r.created).map((r) => r.message.seq);
      expect(created.sort((a, b) => a - b)).toEqual(Array.from({ length: 56 }, (_, i) => i + 2));
      expect(new Set(results.filter((r) => !r.created).map((r) => r.message.seq))).toEqual(new Set([1]));
    } finally {
      client.off('commandStarted', count);
    }
    expect(inserts).toBeLessThan(32);
    await db.dropDatabase();
  });

  it('two processes batching into one conversation: every append stored once, seqs dense', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const one = createMongoStores(db, { serializeWrites: ferretdb }).messages;
    const two = createMongoStores(db, { serializeWrites: ferretdb }).messages;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 ? one : two).append(aMessageDraft('c1', { senderId: `s${i % 3}`, clientMessageId: `k${i}` })),
      ),
    );
    expect(results.every((r) => r.created)).toBe(true);
    expect(results.map((r) => r.message.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
    const stored = await one.page('c1', { limit: 100, viewerId: 'x' });
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
    await db.dropDatabase();
  });

  it('after a failover lost the last entry, sends from this node and another leave no gap, no duplicate', async () => {
    const db = client.db(`parley_test_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db);
    const topology = new EventEmitter();
    const a = createMongoStores(db, { serializeWrites: ferretdb, client: topology as never }).messages;
    const b = createMongoStores(db, { serializeWrites: ferretdb }).messages;
    for (let i = 0; i < 3; i += 1) await a.append(aMessageDraft('c1'));
    // The primary that took seq 3 is gone and its write with it: the new primary lacks entry 3.
    await db.collection('log').deleteOne({ conversationId: 'c1', seq: 3 });
    const server = (address: string, type: string) => ({ address, type });
    topology.emit('topologyDescriptionChanged', {
      previousDescription: { servers: new Map([['db1', server('db1', 'RSPrimary')]]) },
      newDescription: { servers: new Map([['db2', server('db2', 'RSPrimary')]]) },
    });
    const fromA = await a.append(aMessageDraft('c1'));
    const fromB = await b.append(aMessageDraft('c1'));
    expect([fromA.message.seq, fromB.message.seq]).toEqual([3, 4]);
    const stored = await b.page('c1', { limit: 10, viewerId: 'x' });
    expect(stored.map((m) => m.seq)).toEqual([4, 3, 2, 1]);
    await db.dropDatabase();
  });
});

describe('the shard plan (docs/scaling.md)', () => {
  it('every query the contracts above sent carries its shard key and is served by an index', () => {
    const shapes = [...recorder.shapes.values()];
    expect(shapes.length).toBeGreaterThan(150);
    expect(shapes.map(describeShape)).toContain('log find {conversationId:eq kind:eq hiddenFor:$ne seq:$lt}');
    expect(checkShapes(shapes)).toEqual([]);
  });

  it('every TTL index has a sweep by its field, tested with the clock (FerretDB builds no TTL index)', () => {
    expect(checkTtl(recorder.shapes.values())).toEqual([]);
  });

  it('every unique index of a sharded collection is prefixed by its shard key', () => {
    expect(checkIndexes()).toEqual([]);
  });
});
