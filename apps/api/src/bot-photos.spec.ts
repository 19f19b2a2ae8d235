import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { Bot as GrammyBot, InputFile } from 'grammy';
import { Jimp } from 'jimp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';
import { botPeople, startPtbBot } from './testkit/bots.js';

/**
 * A photo round trip on the published libraries, unchanged but for their API root: a person sends a photo over
 * Parley's REST API; the bot gets it, downloads it (getFile, then /file/bot<token>/<file_path>), uploads a
 * document, and sends the photo back by its file_id; the person sees both, and the photo is the same media.
 */
let api: RunningApi;
let png: Uint8Array;
const root = fileURLToPath(new URL('../../../', import.meta.url));
let python = '';
const { makeBot, directChat, history, sendPhoto } = botPeople(() => api);

beforeAll(async () => {
  python = (await promisify(execFile)('bash', [`${root}scripts/bots/setup.sh`], { encoding: 'utf8' })).stdout.trim();
  api = await startTestApi();
  png = new Uint8Array(await new Jimp({ width: 64, height: 48, color: 0xcc6633ff }).getBuffer('image/png'));
}, 180_000);

afterAll(async () => api.stop());

/** What the person sees once the bot answered: the photo, the bot's document, the photo again. */
async function expectRoundTrip(person: Client, dm: string, botId: string, photoId: string, caption: string) {
  await expect.poll(async () => (await history(person, dm)).length, { timeout: 20_000 }).toBe(3);
  const [sent, document, back] = await history(person, dm);
  expect(sent).toMatchObject({ type: 'image', attachmentIds: [photoId] });
  expect(document).toMatchObject({ senderId: botId, type: 'file' });
  expect(back).toMatchObject({ senderId: botId, type: 'image', attachmentIds: [photoId], content: `back: ${caption}` });
  const size = await call(api, 'GET', `/api/v1/media/${document!.attachmentIds[0]}`, { token: person.accessToken });
  expect(size.body).toMatchObject({
    filename: 'size.txt',
    contentType: 'text/plain',
    size: `${png.length} bytes`.length,
  });
}

describe('photos through bots on the Telegram libraries', () => {
  it('a grammY bot downloads a photo, uploads a document, and sends the photo back by file_id', async () => {
    const fay = await signUp(api, 'photo_fay');
    const { id, token } = await makeBot(fay, 'photo_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const got: { caption?: string; bytes: Uint8Array; width: number }[] = [];
    bot.on('message:photo', async (ctx) => {
      const largest = ctx.message.photo.at(-1)!;
      const file = await ctx.getFile();
      const bytes = new Uint8Array(await (await fetch(`${api.url}/file/bot${token}/${file.file_path}`)).arrayBuffer());
      got.push({ caption: ctx.message.caption, bytes, width: largest.width });
      await ctx.replyWithDocument(new InputFile(new TextEncoder().encode(`${bytes.length} bytes`), 'size.txt'));
      await ctx.replyWithPhoto(largest.file_id, { caption: `back: ${ctx.message.caption}` });
    });
    const running = bot.start({ timeout: 1 });
    try {
      const dm = await directChat(fay, id);
      const photoId = await sendPhoto(fay, dm, png, 'sunset');
      await expectRoundTrip(fay, dm, id, photoId, 'sunset');
      expect(got).toHaveLength(1);
      expect(got[0]!.caption).toBe('sunset');
      expect(got[0]!.bytes).toEqual(png);
    } finally {
      await bot.stop();
      await running;
    }
  });

  it('a python-telegram-bot bot does the same', async () => {
    const gus = await signUp(api, 'photo_gus');
    const { id, token } = await makeBot(gus, 'photo_ptb_bot');
    const bot = await startPtbBot(python, `${root}scripts/bots/ptb_echo.py`, token, api.url);
    try {
      const dm = await directChat(gus, id);
      const photoId = await sendPhoto(gus, dm, png, 'harbour');
      await expectRoundTrip(gus, dm, id, photoId, 'harbour');
      expect(bot.heard()).toEqual([
        { caption: 'harbour', bytes: png.length, first: Buffer.from(png.subarray(0, 8)).toString('hex') },
      ]);
    } finally {
      await bot.stop();
    }
    expect(bot.errors()).not.toMatch(/Traceback|Error/);
  }, 120_000);
});
