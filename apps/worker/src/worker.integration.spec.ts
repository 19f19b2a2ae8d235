import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Jimp } from 'jimp';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type ApiConfig } from '@parley/runtime';
import { startWorker, type RunningWorker } from './worker.js';

/**
 * A worker on MongoDB, RabbitMQ and S3: uploads registered and confirmed through the core (as the API
 * does) are processed by the worker from the real queue, with real image bytes made here.
 */
const needs = ['MONGO_URL', 'AMQP_URL', 'S3_ENDPOINT'] as const;
const missing = needs.filter((n) => !process.env[n]);
const id = randomUUID().slice(0, 8);

function config(extra: Record<string, string>): ApiConfig {
  const mongo = new URL(process.env.MONGO_URL ?? 'mongodb://localhost/x');
  mongo.pathname = `/parley_worker_${id}`;
  const { REDIS_URL: _redis, ...env } = process.env;
  return loadConfig(
    {
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BCRYPT_ROUNDS: '4',
      JWT_SECRET: 'worker-test-'.padEnd(48, 'w'),
      MONGO_URL: mongo.toString(),
      AMQP_PREFIX: `parley-worker-${id}`,
      S3_BUCKET: `parley-worker-${id}`,
      S3_FORCE_PATH_STYLE: 'true',
      ...extra,
    },
    () => 'unused',
  );
}

let worker: RunningWorker;
let actorId: string;

async function upload(filename: string, contentType: string, bytes: Uint8Array): Promise<string> {
  const ticket = await worker.parley.media.requestUpload.execute({
    actorId,
    filename,
    contentType,
    size: bytes.length,
  });
  if (!ticket.ok) throw new Error(ticket.error.message);
  const put = await fetch(ticket.value.uploadUrl, { method: 'PUT', headers: ticket.value.headers, body: bytes });
  expect(put.ok).toBe(true);
  expect((await worker.parley.media.confirmUpload.execute({ actorId, mediaId: ticket.value.id })).ok).toBe(true);
  return ticket.value.id;
}

async function settled(mediaId: string) {
  for (let i = 0; i < 200; i += 1) {
    const result = await worker.parley.media.getMedia.execute({ actorId, mediaId });
    const media = result.ok ? result.value : null;
    if (media && (media.status === 'ready' || media.status === 'rejected')) return media;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('media never settled');
}

function bombHeader(side: number): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(bytes.buffer).setUint32(16, side);
  new DataView(bytes.buffer).setUint32(20, side);
  return bytes;
}

// The integration tier talks to real servers or fails: never a silent skip.
if (missing.length > 0)
  throw new Error(
    `the worker integration spec needs ${missing.join(', ')}: run eval "$(scripts/services.sh env)" after ` +
      `scripts/services.sh up`,
  );

describe('worker on RabbitMQ and S3', () => {
  beforeAll(async () => {
    worker = await startWorker(config({}));
    const user = await worker.parley.identity.registerUser.execute({
      email: 'w@x.test',
      username: 'uploader',
      password: 'correct horse battery',
    });
    if (!user.ok) throw new Error(user.error.message);
    actorId = user.value.user.id;
  }, 60_000);

  afterAll(async () => {
    await worker?.stop();
    const client = await new MongoClient(config({}).mongoUrl!).connect();
    await client
      .db()
      .dropDatabase()
      .finally(() => client.close());
  });

  it('processes a PNG and a JPEG into thumbnails', async () => {
    const png = new Uint8Array(await new Jimp({ width: 1200, height: 600, color: 0x3366ccff }).getBuffer('image/png'));
    const jpeg = new Uint8Array(await new Jimp({ width: 400, height: 900, color: 0xcc6633ff }).getBuffer('image/jpeg'));
    const [a, b] = await Promise.all([
      settled(await upload('wide.png', 'image/png', png)),
      settled(await upload('tall.jpg', 'image/jpeg', jpeg)),
    ]);
    expect([a.status, a.width, a.height]).toEqual(['ready', 1200, 600]);
    expect(a.thumbnails.map((t) => t.width)).toEqual([320, 800]);
    expect([b.status, b.width, b.height]).toEqual(['ready', 400, 900]);
    const thumb = await fetch(a.thumbnails[0]!.url);
    expect(thumb.ok).toBe(true);
  });

  it('runs as a process that exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@parley/source', fileURLToPath(new URL('./main.ts', import.meta.url))],
      {
        env: {
          ...process.env,
          LOG_LEVEL: 'warn',
          AMQP_PREFIX: `parley-worker-${id}`,
          MONGO_URL: config({}).mongoUrl!,
          S3_BUCKET: `parley-worker-${id}`,
          S3_FORCE_PATH_STYLE: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout!.on('data', (d) => {
      output += d;
    });
    child.stderr!.on('data', (d) => {
      output += d;
    });
    for (let i = 0; i < 300 && !output.includes('Parley worker consuming'); i += 1)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('Parley worker consuming');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('finishing in-flight jobs');
  }, 60_000);

  it('rejects a pixel bomb without decoding it, and a renamed executable', async () => {
    const bomb = await settled(await upload('bomb.png', 'image/png', bombHeader(14_000)));
    expect([bomb.status, bomb.rejectReason]).toEqual(['rejected', 'image has too many pixels']);
    const exe = await settled(
      await upload(
        'cat.png',
        'image/png',
        new TextEncoder().encode('MZ\u0090\u0000 This program cannot be run in DOS mode.'),
      ),
    );
    expect(exe.status).toBe('rejected');
  });
});
