import { randomUUID } from 'node:crypto';
import type { Db, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessageDraft } from '@parley/core/testkit';
import { connectMongo, createMongoStores, ensureIndexes, isFerretDb, type StorePorts } from './index.js';
import { LOG_COLLECTION } from './mongo-message-store.js';

/**
 * Issue 23 item 8: a primary stepping down mid-load loses no acknowledged send and leaves no duplicate or missing
 * seq. Needs a real MongoDB replica set: MONGO_URL when it names one, else a single-node `mongo:7` replica set in
 * Docker (testcontainers). FerretDB has no replica set: there the test is skipped, and says so.
 */
const SENDERS = 8;
const PER_SENDER = 40;

let target: { url: string; stop: () => Promise<void> } | string;

async function replicaSet(): Promise<{ url: string; stop: () => Promise<void> } | string> {
  const url = process.env.MONGO_URL;
  if (url) {
    const { client } = await connectMongo(url);
    const hello = await client.db('admin').command({ hello: 1 });
    const server = isFerretDb(await client.db('admin').command({ buildInfo: 1 })) ? 'FerretDB' : 'a standalone mongod';
    await client.close();
    return hello.setName ? { url, stop: async () => {} } : `MONGO_URL is not a replica set but ${server}`;
  }
  try {
    const { GenericContainer } = await import('testcontainers');
    const container = await new GenericContainer('mongo:7')
      .withCommand(['--replSet', 'rs0', '--bind_ip_all'])
      .withExposedPorts(27017)
      .start();
    const address = `${container.getHost()}:${container.getMappedPort(27017)}`;
    const direct = `mongodb://${address}/parley_stepdown?directConnection=true`;
    const { client } = await connectMongo(direct, { writeConcern: 1, readConcern: 'local', allowWeak: true });
    await client
      .db('admin')
      .command({ replSetInitiate: { _id: 'rs0', members: [{ _id: 0, host: 'localhost:27017' }] } });
    await client.close();
    return { url: direct, stop: async () => void (await container.stop()) };
  } catch (error) {
    return `no MONGO_URL and no Docker to start mongo:7 (${(error as Error).message.split('\n')[0]})`;
  }
}

beforeAll(async () => {
  target = await replicaSet();
  if (typeof target === 'string') process.stderr.write(`\nstep-down test skipped: ${target}\n`);
}, 180_000);

afterAll(async () => {
  if (typeof target !== 'string') await target.stop();
});

describe('a primary stepping down mid-load (real replica set only)', () => {
  it('loses no acknowledged send, duplicates none, leaves no gap in seq or eventSeq', async (context) => {
    if (typeof target === 'string') {
      context.skip(`step-down test skipped: ${target}`);
      return;
    }
    const { client, db } = await connectMongo(target.url);
    try {
      await ensureIndexes(db, { ferretdb: false });
      const stores = createMongoStores(db, { serializeWrites: false, client });
      const conversationId = `c-${randomUUID().slice(0, 8)}`;
      const acknowledged = new Set<string>();
      const load = Array.from({ length: SENDERS }, (_, s) => sendAll(stores, conversationId, s, acknowledged));
      await waitFor(() => acknowledged.size >= (SENDERS * PER_SENDER) / 4);
      await stepDown(client);
      await Promise.all(load);
      await checkLog(db, conversationId, acknowledged);
    } finally {
      await client.close();
    }
  }, 180_000);
});

/** One client: each message sent until acknowledged, retried with its clientMessageId as a real client would. */
async function sendAll(stores: StorePorts, conversationId: string, sender: number, acknowledged: Set<string>) {
  for (let i = 0; i < PER_SENDER; i += 1) {
    const clientMessageId = `s${sender}-${i}`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const draft = aMessageDraft(conversationId, { senderId: `u${sender}`, clientMessageId });
        await stores.messages.append(draft);
        acknowledged.add(`u${sender}:${clientMessageId}`);
        break;
      } catch (error) {
        if (attempt > 300) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}

async function stepDown(client: MongoClient): Promise<void> {
  // The connection is closed by the step-down itself on older servers: an error here is expected.
  await client
    .db('admin')
    .command({ replSetStepDown: 5, secondaryCatchUpPeriodSecs: 2, force: true })
    .catch(() => undefined);
}

async function checkLog(db: Db, conversationId: string, acknowledged: Set<string>): Promise<void> {
  const entries = await db.collection(LOG_COLLECTION).find({ conversationId }).sort({ eventSeq: 1 }).toArray();
  const keys = entries.map((e) => `${e.senderId as string}:${e.clientMessageId as string}`);
  expect(new Set(keys).size, 'no duplicate message').toBe(keys.length);
  for (const key of acknowledged) expect(keys, `acknowledged ${key} kept`).toContain(key);
  expect(
    entries.map((e) => e.eventSeq),
    'eventSeqs dense',
  ).toEqual(entries.map((_, i) => i + 1));
  expect(
    entries.map((e) => e.seq),
    'seqs dense',
  ).toEqual(entries.map((_, i) => i + 1));
  expect(acknowledged.size).toBe(SENDERS * PER_SENDER);
}

async function waitFor(done: () => boolean): Promise<void> {
  const until = Date.now() + 60_000;
  while (!done()) {
    if (Date.now() > until) throw new Error('the load did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
