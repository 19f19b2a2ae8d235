/**
 * Benchmark: message sends and history reads through the core over the embedded adapters, and over HTTP
 * against a real server on loopback. Prints figures; asserts nothing.
 *   node --import tsx --conditions=@parley/source scripts/bench/send.ts [messages]
 */
import { randomBytes } from 'node:crypto';
import { createParley, type ImageProcessor } from '@parley/core';
import { withAccessCache } from '@parley/adapter-access-cache';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import { loadConfig, startApi } from '@parley/api';

const total = Number(process.argv[2] ?? 5000);
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString()}/s`;

async function core(): Promise<void> {
  const ports = createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images: {} as ImageProcessor });
  // As the API assembles it: access rows through the access cache.
  const parley = createParley(withAccessCache(ports), { sendRate: null });
  const a = await parley.identity.registerUser.execute({
    email: 'a@b.c',
    username: 'aaa',
    password: 'correct horse battery',
  });
  const b = await parley.identity.registerUser.execute({
    email: 'b@b.c',
    username: 'bbb',
    password: 'correct horse battery',
  });
  if (!a.ok || !b.ok) throw new Error('setup');
  const dm = await parley.conversations.createConversation.execute({
    actorId: a.value.user.id,
    kind: 'direct',
    memberIds: [b.value.user.id],
  });
  if (!dm.ok) throw new Error('setup');
  let started = performance.now();
  for (let i = 0; i < total; i += 1)
    await parley.messaging.sendMessage.execute({
      actorId: a.value.user.id,
      conversationId: dm.value.conversation.id,
      content: `m${i}`,
      clientMessageId: `c${i}`,
    });
  const sendMs = performance.now() - started;
  started = performance.now();
  for (let cursor: string | undefined; ;) {
    const page = await parley.messaging.listMessages.execute({
      actorId: b.value.user.id,
      conversationId: dm.value.conversation.id,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok || !page.value.nextCursor) break;
    cursor = page.value.nextCursor;
  }
  process.stdout.write(
    `core (memory)  sends: ${total} in ${Math.round(sendMs)} ms = ${rate(total, sendMs)}; full history in pages of ` +
      `100: ${Math.round(performance.now() - started)} ms\n`,
  );
  await ports.jobs.close();
}

async function http(): Promise<void> {
  const api = await startApi(
    loadConfig(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        BCRYPT_ROUNDS: '4',
        SEND_RATE_PER_SECOND: '1000000',
        REQUESTS_PER_IP_PER_MINUTE: '100000000',
      },
      () => randomBytes(48).toString('hex'),
    ),
  );
  const post = async (path: string, body: unknown, token?: string) =>
    (
      await fetch(`${api.url}/api/v1${path}`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      })
    ).json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const a = await post('/auth/register', { email: 'a@b.c', username: 'aaa', password: 'correct horse battery' });
  const b = await post('/auth/register', { email: 'b@b.c', username: 'bbb', password: 'correct horse battery' });
  const dm = await post('/conversations', { kind: 'direct', memberIds: [b.user.id] }, a.accessToken);
  const n = Math.min(total, 2000);
  const concurrency = 16;
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n)
        await post(
          `/conversations/${dm.id}/messages`,
          { content: `m${next}`, clientMessageId: `c${next++}` },
          a.accessToken,
        );
    }),
  );
  const ms = performance.now() - started;
  process.stdout.write(
    `http (memory)  sends: ${n} with ${concurrency} concurrent clients in ${Math.round(ms)} ms = ${rate(n, ms)}\n`,
  );
  await api.stop();
}

await core();
await http();
