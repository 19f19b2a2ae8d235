import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';
import { botPeople } from './testkit/bots.js';

/**
 * The Bot API's files: photos and documents sent by people reach a bot with file_ids; getFile and
 * /file/bot<token>/<file_path> give a bot the bytes of what it may read and nothing else; sendPhoto and
 * sendDocument take uploads (multipart, by part name or attach://) and file_ids again, not URLs.
 */
let api: RunningApi;
let ann: Client;
let mine: { id: string; token: string };
let other: { id: string; token: string };
let dm: string;
let annChat: number;
let png: Uint8Array;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Bot API's JSON, as each test reads it
type Answer = { status: number; body: Record<string, any> };

const bot = async (token: string, method: string, params: unknown = {}): Promise<Answer> => {
  const res = await fetch(`${api.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
};

/** A multipart call, as the libraries upload: text fields, and files as parts. */
const multipart = async (
  token: string,
  method: string,
  fields: Record<string, string>,
  files: Record<string, { bytes: Uint8Array; name: string; type?: string }>,
): Promise<Answer> => {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const [k, f] of Object.entries(files))
    form.append(k, new Blob([f.bytes], f.type ? { type: f.type } : {}), f.name);
  const res = await fetch(`${api.url}/bot${token}/${method}`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
};

const { makeBot, directChat, say, sendPhoto: personSendsPhoto } = botPeople(() => api);

beforeAll(async () => {
  api = await startTestApi();
  ann = await signUp(api, 'botfiles_ann');
  const bob = await signUp(api, 'botfiles_bob');
  mine = await makeBot(ann, 'files_bot');
  other = await makeBot(bob, 'nosy_files_bot');
  png = new Uint8Array(await new Jimp({ width: 40, height: 30, color: 0x3366ccff }).getBuffer('image/png'));
  dm = await directChat(ann, mine.id);
});

afterAll(async () => api.stop());

describe('files on the Bot API', () => {
  it("gives a bot a person's photo with its file_id and caption; getFile and the download give its bytes", async () => {
    const mediaId = await personSendsPhoto(ann, dm, png, 'my cat');
    const updates = (await bot(mine.token, 'getUpdates', { timeout: 5 })).body.result;
    const message = updates.at(-1).message;
    annChat = message.chat.id;
    expect(message).toMatchObject({ caption: 'my cat', photo: [{ file_id: mediaId, file_size: png.length }] });
    expect(message.text).toBeUndefined();
    const file = await bot(mine.token, 'getFile', { file_id: mediaId });
    expect(file.body).toEqual({
      ok: true,
      result: { file_id: mediaId, file_unique_id: mediaId, file_size: png.length, file_path: `photos/${mediaId}.png` },
    });
    const download = await fetch(`${api.url}/file/bot${mine.token}/${file.body.result.file_path}`);
    expect([download.status, download.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(png);
  });

  it('gives another bot nothing of it: getFile, the download, a file_id re-sent, all refused', async () => {
    const mediaId = await personSendsPhoto(ann, dm, png, 'private');
    expect(await bot(other.token, 'getFile', { file_id: mediaId })).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' },
    });
    const path = (await bot(mine.token, 'getFile', { file_id: mediaId })).body.result.file_path;
    expect((await fetch(`${api.url}/file/bot${other.token}/${path}`)).status).toBe(404);
    expect((await fetch(`${api.url}/file/bot${mine.token}/${path}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${api.url}/file/bot${mine.token.replace(/.$/, 'x')}/${path}`)).status).toBe(401);
    expect((await fetch(`${api.url}/file/bot${mine.token}/photos/../../${path}`)).status).toBe(404);
    await say(ann, await directChat(ann, other.id), 'hi nosy');
    const otherChat = (await bot(other.token, 'getUpdates', { timeout: 5 })).body.result[0].message.chat.id;
    expect((await bot(other.token, 'sendPhoto', { chat_id: otherChat, photo: mediaId })).body.description).toBe(
      'Bad Request: invalid file_id',
    );
  });

  it('takes an upload by part name and by attach://, sends a file_id again, and refuses URLs', async () => {
    const byName = await multipart(
      mine.token,
      'sendPhoto',
      { chat_id: String(annChat), caption: '*bold* look', parse_mode: 'MarkdownV2' },
      {
        photo: { bytes: png, name: 'up.png' },
      },
    );
    expect(byName.status).toBe(200);
    const photo = byName.body.result.photo[0];
    expect(byName.body.result).toMatchObject({
      caption: 'bold look',
      caption_entities: [{ type: 'bold', offset: 0, length: 4 }],
    });
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const attached = await multipart(
      mine.token,
      'sendDocument',
      { chat_id: String(annChat), document: 'attach://f1' },
      {
        f1: { bytes: pdf, name: 'report.pdf' },
      },
    );
    expect(attached.body.result.document).toMatchObject({
      file_name: 'report.pdf',
      mime_type: 'application/pdf',
      file_size: pdf.length,
    });
    const again = await bot(mine.token, 'sendPhoto', {
      chat_id: annChat,
      photo: photo.file_id,
      reply_markup: { inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] },
    });
    expect(again.body.result.photo[0].file_id).toBe(photo.file_id);
    const page = await call(api, 'GET', `/api/v1/conversations/${dm}/messages`, { token: ann.accessToken });
    const latest = (page.body.data as { type: string; attachmentIds: string[] }[]).slice(0, 3).reverse();
    expect(latest.map((m) => [m.type, m.attachmentIds.length])).toEqual([
      ['image', 1],
      ['file', 1],
      ['image', 1],
    ]);
    expect(latest[2]!.attachmentIds).toEqual(latest[0]!.attachmentIds);
    expect(
      (await call(api, 'GET', `/api/v1/media/${photo.file_id}`, { token: ann.accessToken })).body.contentType,
      'the person in the chat may open what the bot sent',
    ).toBe('image/png');
    expect(
      await bot(mine.token, 'sendPhoto', { chat_id: annChat, photo: 'https://example.com/cat.png' }),
    ).toMatchObject({
      status: 400,
      body: { description: 'Bad Request: wrong HTTP URL specified: upload the file, or send a file_id' },
    });
    expect(
      (await multipart(mine.token, 'sendPhoto', { chat_id: String(annChat) }, { photo: { bytes: pdf, name: 'x.pdf' } }))
        .body,
    ).toMatchObject({
      ok: false,
      error_code: 400,
      description: 'Bad Request: photo must be an image: PNG, JPEG, GIF or WebP',
    });
    expect(
      (await multipart(mine.token, 'sendPhoto', { chat_id: String(annChat), photo: 'attach://nope' }, {})).body
        .description,
    ).toBe('Bad Request: file attach://nope not found in the request');
    expect(
      (await bot(mine.token, 'sendPhoto', { chat_id: annChat, photo: attached.body.result.document.file_id })).body
        .description,
    ).toBe('Bad Request: type of file mismatch');
    expect((await bot(mine.token, 'sendPhoto', { chat_id: annChat })).body.description).toBe(
      'Bad Request: there is no photo in the request',
    );
  });

  it('refuses an upload over the limit 413, in the Bot API shape', async () => {
    const big = new Uint8Array(26 * 1024 * 1024);
    const answer = await multipart(
      mine.token,
      'sendDocument',
      { chat_id: String(annChat) },
      { document: { bytes: big, name: 'big.bin' } },
    );
    expect(answer).toEqual({
      status: 413,
      body: { ok: false, error_code: 413, description: 'Request Entity Too Large' },
    });
  });
});
