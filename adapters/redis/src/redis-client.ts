import { createClient } from 'redis';

export type Redis = ReturnType<typeof createClient>;

/** Runs a Lua script (atomic on the server) and returns its reply as numbers. */
export async function script(
  redis: Redis,
  source: string,
  keys: string[],
  args: (string | number)[],
): Promise<number[]> {
  const reply = await redis.eval(source, { keys, arguments: args.map(String) });
  return (Array.isArray(reply) ? reply : [reply]).map((v) => Number(v));
}

export async function connectRedis(url: string): Promise<Redis> {
  // No offline queue: while Redis is away a command fails at once instead of waiting for the reconnect,
  // so callers degrade (in-memory limits and presence, events not fanned out) instead of hanging requests.
  const client = createClient({ url, disableOfflineQueue: true });
  client.on('error', () => undefined); // reconnects on its own (and re-subscribes); commands fail while it is down
  await client.connect();
  return client;
}

/**
 * Closes a client at once, whether or not Redis answers: what it still had queued fails. (node-redis's `quit` and
 * `close` wait for Redis, with no limit, while it is away: a start that failed then never let go, and its retry
 * never came; after either of them the client cannot be destroyed any more.)
 */
export function closeRedis(client: Redis): Promise<void> {
  if (client.isOpen) client.destroy();
  return Promise.resolve();
}
