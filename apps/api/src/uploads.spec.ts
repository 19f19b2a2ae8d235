import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';

let api: RunningApi;
let ann: Client;

beforeAll(async () => {
  api = await startTestApi();
  ann = await signUp(api, 'ann');
});
afterAll(async () => api.stop());

const HTML = new TextEncoder().encode(
  '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
);
/** The smallest honest files of each type: their signatures are what the detector reads. */
const MP4 = new Uint8Array([
  0,
  0,
  0,
  0x18,
  ...new TextEncoder().encode('ftypmp42'),
  0,
  0,
  0,
  0,
  ...new TextEncoder().encode('mp42isom'),
  0,
  0,
  0,
  8,
  ...new TextEncoder().encode('free'),
]);
const MP3 = new Uint8Array([0xff, 0xfb, 0x90, 0x64, ...new Array(400).fill(0)]); // an MPEG-1 Layer III frame header

async function ticket(filename: string, contentType: string, size: number) {
  const r = await call(api, 'POST', '/api/v1/media/upload', {
    token: ann.accessToken,
    body: { filename, contentType, size },
  });
  expect(r.status).toBe(201);
  return r.body as { id: string; uploadUrl: string; headers: Record<string, string> };
}

async function settle(mediaId: string): Promise<{ status: string; rejectReason?: string }> {
  expect((await call(api, 'POST', `/api/v1/media/${mediaId}/confirm`, { token: ann.accessToken })).status).toBe(200);
  for (let i = 0; i < 200; i += 1) {
    const media = (await call(api, 'GET', `/api/v1/media/${mediaId}`, { token: ann.accessToken })).body;
    if (media.status === 'ready' || media.status === 'rejected') return media;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('media never settled');
}

async function upload(filename: string, contentType: string, bytes: Uint8Array) {
  const t = await ticket(filename, contentType, bytes.length);
  const put = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: bytes });
  expect(put.status).toBe(204);
  return settle(t.id);
}

describe('uploads', () => {
  it('refuse bytes whose own signature is not the declared type: HTML as video or audio', async () => {
    expect(await upload('clip.mp4', 'video/mp4', HTML)).toMatchObject({ status: 'rejected' });
    expect(await upload('song.mp3', 'audio/mpeg', HTML)).toMatchObject({ status: 'rejected' });
    expect(await upload('doc.pdf', 'application/pdf', HTML)).toMatchObject({ status: 'rejected' });
    expect(await upload('clip.mp4', 'video/mp4', MP4)).toMatchObject({ status: 'ready' });
    expect(await upload('song.mp3', 'audio/mpeg', MP3)).toMatchObject({ status: 'ready' });
    expect(
      await upload('notes.txt', 'text/plain', HTML),
      'HTML is text: served as text/plain, as a download',
    ).toMatchObject({ status: 'ready' });
    expect(await upload('notes.txt', 'text/plain', MP4), 'a video is not plain text').toMatchObject({
      status: 'rejected',
    });
  });

  it('store the granted type, whatever Content-Type the PUT claims', async () => {
    const t = await ticket('notes.txt', 'text/plain', HTML.length);
    expect(
      (await fetch(t.uploadUrl, { method: 'PUT', headers: { 'content-type': 'text/html' }, body: HTML })).status,
    ).toBe(204);
    const url = new URL(t.uploadUrl);
    const key = decodeURIComponent(url.pathname.replace('/api/v1/blobs/', ''));
    expect(
      (
        await api.container
          .get<{ head(k: string): Promise<{ contentType: string } | null> }>(Symbol.for('BlobStore'))
          .head(key)
      )?.contentType,
    ).toBe('text/plain');
  });

  it('refuse more bytes than the signed size, declared or streamed, and store nothing', async () => {
    const t = await ticket('small.bin', 'application/octet-stream', 100);
    const big = new Uint8Array(3 * 1024 * 1024);
    const declared = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: big });
    expect([declared.status, ((await declared.json()) as { error: { code: string } }).error.code]).toEqual([
      413,
      'payload_too_large',
    ]);
    // No Content-Length at all: the body streams in and is cut at the cap.
    const streamed = await fetch(t.uploadUrl, {
      method: 'PUT',
      headers: t.headers,
      duplex: 'half',
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < 48; i += 1) c.enqueue(new Uint8Array(64 * 1024));
          c.close();
        },
      }),
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const short = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: new Uint8Array(10) });
    expect([short.status, ((await short.json()) as { error: { code: string } }).error.code]).toEqual([
      400,
      'size_mismatch',
    ]);
    const confirm = await call(api, 'POST', `/api/v1/media/${t.id}/confirm`, { token: ann.accessToken });
    expect([confirm.status, confirm.body.error.code]).toEqual([409, 'upload_missing']);
  });

  it('answer an unsigned 20 MB PUT with 403 before reading its body, and close the connection', async () => {
    const url = new URL(`${api.url}/api/v1/blobs/media/x/y?expires=${Date.now() + 60_000}&sig=forged`);
    const answer = await new Promise<{ status: number; connection: string | undefined; sentBytes: number }>(
      (resolve, reject) => {
        let sent = 0;
        const req = request(
          url,
          {
            method: 'PUT',
            headers: { 'content-length': String(20 * 1024 * 1024), 'content-type': 'application/octet-stream' },
          },
          (res) => {
            resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, sentBytes: sent });
            res.resume();
            req.destroy();
          },
        );
        req.on('error', (error) => {
          if (!req.destroyed) reject(error);
        });
        const chunk = Buffer.alloc(16 * 1024);
        sent += chunk.length;
        req.write(chunk); // one chunk of 20 MB announced; the rest never comes unless the answer is late
        setTimeout(() => reject(new Error('no answer within 3 s: the server waited for the body')), 3_000).unref();
      },
    );
    expect(answer.status).toBe(403);
    expect(answer.connection).toBe('close');
    expect(answer.sentBytes).toBeLessThan(1024 * 1024);
  });
});
