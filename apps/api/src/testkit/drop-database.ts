import { MongoClient } from 'mongodb';

/** Drops a test's own database (the one named in `url`), so runs leave nothing behind on the shared server. */
export async function dropDatabase(url: string): Promise<void> {
  const client = await new MongoClient(url, { serverSelectionTimeoutMS: 10_000 }).connect();
  await client
    .db()
    .dropDatabase()
    .finally(() => client.close());
}
