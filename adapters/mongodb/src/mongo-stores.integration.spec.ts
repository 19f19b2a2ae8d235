import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
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
  sessionStoreContract,
  userStoreContract,
  aMessageDraft,
  type FixtureFactory,
} from '@parley/core/testkit';
import { createMongoStores, ensureIndexes, isFerretDb, type StorePorts } from './index.js';
import { MongoMessageStore } from './mongo-message-store.js';
import { WriteGuard } from './support.js';

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

beforeAll(async () => {
  client = await new MongoClient(await mongoUrl(), {
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: true,
  }).connect();
  ferretdb = isFerretDb(await client.db('admin').command({ buildInfo: 1 }));
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
auditStoreContract(t, fresh('audit'));
flagStoreContract(t, fresh('flags'));

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
});
