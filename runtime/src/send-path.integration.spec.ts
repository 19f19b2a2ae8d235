import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { sendPathContract } from '@parley/core/testkit';
import { createMemoryPorts, InProcessEventPublisher } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { connectMongo, createMongoStores, ensureIndexes } from '@parley/adapter-mongodb';
import type { ImageProcessor } from '@parley/core';
import { withAccessCache } from '@parley/adapter-access-cache';
import type { MongoClient } from 'mongodb';

let client: MongoClient;
let ferretdb = false;

beforeAll(async () => {
  if (!process.env.MONGO_URL)
    throw new Error('MONGO_URL is required for the integration tier (scripts/services.sh env)');
  ({ client, ferretdb } = await connectMongo(process.env.MONGO_URL));
});
afterAll(async () => {
  await client?.close();
});

// Each process() is a new process on the same database: new store instances (new sequencer heads, new
// access cache), one publisher between them standing in for Redis.
sendPathContract(
  { describe, it },
  async () => {
    const db = client.db(`parley_send_${randomUUID().slice(0, 8)}`);
    await ensureIndexes(db, { ferretdb });
    const publisher = new InProcessEventPublisher();
    return {
      port: {
        process: () =>
          withAccessCache({
            ...createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: {} as ImageProcessor }),
            ...createMongoStores(db, { serializeWrites: ferretdb }),
            publisher,
          }),
      },
      teardown: async () => {
        await db.dropDatabase();
      },
    };
  },
  { holdMs: 30_000 },
);
