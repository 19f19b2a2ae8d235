import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { RabbitJobQueue } from '@parley/adapter-rabbitmq';

/** Where every server of a real-services run records its MongoDB query shapes (checked in shard-plan.ts). */
export const QUERY_SHAPES_FILE = join(tmpdir(), `parley-cucumber-shapes-${process.pid}.jsonl`);

export interface Isolation {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * With PARLEY_REAL_SERVICES=1 (npm run test:integration) the server uses the real servers named by
 * MONGO_URL, REDIS_URL, AMQP_URL and S3_*, with a fresh database, key prefix, queue prefix and bucket per
 * scenario; otherwise the embedded adapters. Asked for real servers without their URLs, it fails: an
 * integration run never falls back to the embedded adapters in silence.
 */
export function realServices(): Isolation {
  const env = process.env;
  if (env.PARLEY_REAL_SERVICES !== '1') return { env: {}, cleanup: async () => {} };
  const missing = ['MONGO_URL', 'REDIS_URL', 'AMQP_URL', 'S3_ENDPOINT'].filter((name) => !env[name]);
  if (missing.length > 0)
    throw new Error(
      `PARLEY_REAL_SERVICES=1 needs ${missing.join(', ')}: run eval "$(scripts/services.sh env)" after ` +
        `scripts/services.sh up`,
    );
  const id = randomUUID().slice(0, 8);
  const out: Record<string, string> = {};
  let mongoUrl: string | null = null;
  if (env.MONGO_URL) {
    const url = new URL(env.MONGO_URL);
    url.pathname = `/parley_cucumber_${id}`;
    out.MONGO_URL = mongoUrl = url.toString();
    out.MONGO_QUERY_SHAPES_FILE = QUERY_SHAPES_FILE;
  }
  if (env.REDIS_URL) Object.assign(out, { REDIS_URL: env.REDIS_URL, REDIS_PREFIX: `parley-cucumber:${id}:` });
  if (env.AMQP_URL) Object.assign(out, { AMQP_URL: env.AMQP_URL, AMQP_PREFIX: `parley-cucumber-${id}` });
  if (env.S3_ENDPOINT) {
    for (const key of ['S3_ENDPOINT', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'])
      if (env[key]) out[key] = env[key]!;
    out.S3_BUCKET = `parley-cucumber-${id}`;
  }
  return {
    env: out,
    cleanup: async () => {
      // Each scenario's queues go with it (quorum queues are a process each on the broker).
      if (out.AMQP_URL) await new RabbitJobQueue({ url: out.AMQP_URL, prefix: out.AMQP_PREFIX! }).destroy();
      if (!mongoUrl) return;
      const client = await new MongoClient(mongoUrl).connect();
      await client
        .db()
        .dropDatabase()
        .finally(() => client.close());
    },
  };
}
