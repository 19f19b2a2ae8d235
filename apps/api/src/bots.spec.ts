import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { Bot as GrammyBot, InlineKeyboard, webhookCallback } from 'grammy';
import WebSocket from 'ws';
import { ParleyClient } from '@parley/client';
import { Telegraf } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi } from './test-server.js';
import { botPeople, startPtbBot } from './testkit/bots.js';

/**
 * Bots written with the published Telegram libraries, unchanged but for their API root, against a real API
 * server, while people use Parley's own API: each side's view is checked.
 */
let api: RunningApi;
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The virtualenv's python for the python-telegram-bot test (from PyPI; made once, off the event loop). */
let python = '';

beforeAll(async () => {
  // No Python here is a failure, not a skip.
  python = (await promisify(execFile)('bash', [`${root}scripts/bots/setup.sh`], { encoding: 'utf8' })).stdout.trim();
  // Webhooks to this machine, over plain HTTP, are for tests; retries come quickly.
  api = await startTestApi({
    BOT_WEBHOOK_ALLOW_HTTP: 'true',
    BOT_WEBHOOK_ALLOW_PRIVATE_HOSTS: 'true',
    JOB_RETRY_DELAYS_MS: '200',
  });
}, 180_000);

afterAll(async () => api.stop());

const { makeBot, directChat, say, history } = botPeople(() => api);

describe('bots on the Telegram libraries', () => {
  it('runs an echo bot written with grammY over long polling', async () => {
    const ann = await signUp(api, 'grammy_ann');
    const { id, token } = await makeBot(ann, 'echo_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const heard: { text: string; from: string; chatType: string }[] = [];
    bot.on('message:text', async (ctx) => {
      heard.push({ text: ctx.message.text, from: ctx.from.username ?? '', chatType: ctx.chat.type });
      await ctx.reply(`echo: ${ctx.message.text}`);
    });
    const running = bot.start({ timeout: 1 });
    try {
      const dm = await directChat(ann, id);
      await say(ann, dm, 'hello bot');
      await expect
        .poll(async () => (await history(ann, dm)).map((m) => m.content), { timeout: 10_000 })
        .toEqual(['hello bot', 'echo: hello bot']);
      expect((await history(ann, dm))[1]!.senderId).toBe(id);
      expect(heard).toEqual([{ text: 'hello bot', from: 'grammy_ann', chatType: 'private' }]);
      expect(bot.botInfo.username).toBe('echo_grammy_bot');
    } finally {
      await bot.stop();
      await running;
    }
  });

  it('in a group, a grammY bot in privacy mode hears its command, not the chatter, and its removal', async () => {
    const dee = await signUp(api, 'grammy_dee');
    const eve = await signUp(api, 'grammy_eve');
    const { id, token } = await makeBot(dee, 'team_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const texts: string[] = [];
    const membership: { from: string; to: string; by: string; chat: string }[] = [];
    bot.on('message:text', async (ctx, next) => {
      texts.push(ctx.message.text);
      await next();
    });
    bot.command('help', (ctx) => ctx.reply('I can echo'));
    bot.on('my_chat_member', (ctx) => {
      const change = ctx.myChatMember;
      membership.push({
        from: change.old_chat_member.status,
        to: change.new_chat_member.status,
        by: change.from.username ?? '',
        chat: change.chat.type,
      });
    });
    const running = bot.start({ timeout: 1 });
    try {
      const group = await call(api, 'POST', '/api/v1/conversations', {
        token: dee.accessToken,
        body: { kind: 'group', name: 'Team', memberIds: [eve.userId, id] },
      });
      expect(group.status).toBe(201);
      await say(eve, group.body.id, 'lunch anyone?');
      await say(eve, group.body.id, '/help@team_grammy_bot');
      await expect
        .poll(async () => (await history(eve, group.body.id)).map((m) => m.content), { timeout: 10_000 })
        .toContain('I can echo');
      expect(texts).toEqual(['/help@team_grammy_bot']);
      const removed = await call(api, 'DELETE', `/api/v1/conversations/${group.body.id}/participants/${id}`, {
        token: dee.accessToken,
      });
      expect(removed.status).toBe(204);
      await expect.poll(() => membership.length, { timeout: 10_000 }).toBe(2);
      expect(membership).toEqual([
        { from: 'left', to: 'member', by: 'grammy_dee', chat: 'supergroup' },
        { from: 'member', to: 'left', by: 'grammy_dee', chat: 'supergroup' },
      ]);
    } finally {
      await bot.stop();
      await running;
    }
  });

  it('runs a grammY bot over a webhook with a secret token; an update the receiver refused comes again', async () => {
    const gil = await signUp(api, 'webhook_gil');
    const { id, token } = await makeBot(gil, 'hooked_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const handle = webhookCallback(bot, 'http', { secretToken: 'hook-secret_1' });
    const posts: { updateId: number; secret: unknown; answered: number }[] = [];
    let refuse = 1;
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const update = JSON.parse(Buffer.concat(chunks).toString()) as { update_id: number };
        const post = {
          updateId: update.update_id,
          secret: req.headers['x-telegram-bot-api-secret-token'],
          answered: 0,
        };
        posts.push(post);
        res.on('finish', () => (post.answered = res.statusCode));
        if (refuse-- > 0) return void res.writeHead(500).end();
        // grammY reads the request itself: hand it one with the body already read here.
        const replay = Object.assign(Readable.from([Buffer.concat(chunks)]), {
          headers: req.headers,
          method: req.method,
          url: req.url,
        });
        void handle(replay as never, res);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
      await bot.api.setWebhook(url, { secret_token: 'hook-secret_1' });
      await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
      const dm = await directChat(gil, id);
      await say(gil, dm, 'over the hook');
      await expect
        .poll(async () => (await history(gil, dm)).map((m) => m.content), { timeout: 15_000 })
        .toEqual(['over the hook', 'echo: over the hook']);
      // The first post was refused (500) and the same update came again, then no more.
      expect(posts.map((p) => [p.updateId, p.secret, p.answered])).toEqual([
        [posts[0]!.updateId, 'hook-secret_1', 500],
        [posts[0]!.updateId, 'hook-secret_1', 200],
      ]);
      const info = await bot.api.getWebhookInfo();
      expect(info).toMatchObject({
        url,
        pending_update_count: 0,
        last_error_message: 'Wrong response from the webhook: 500',
      });
      await bot.api.deleteWebhook();
      expect((await bot.api.getWebhookInfo()).url).toBe('');
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('runs an inline keyboard flow: button pressed, callback answered, toast delivered, message edited', async () => {
    const hal = await signUp(api, 'keyboard_hal');
    const { id, token } = await makeBot(hal, 'keyboard_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const pressed: { data: string; from: string }[] = [];
    bot.command('start', (ctx) =>
      ctx.reply('Lunch?', { reply_markup: new InlineKeyboard().text('Yes', 'lunch:yes').text('No', 'lunch:no') }),
    );
    bot.callbackQuery(/^lunch:/, async (ctx) => {
      pressed.push({ data: ctx.callbackQuery.data, from: ctx.from.username ?? '' });
      await ctx.answerCallbackQuery({ text: 'Noted!' });
      await ctx.editMessageText(`Lunch: ${ctx.callbackQuery.data.slice(6)}`);
    });
    const running = bot.start({ timeout: 1 });
    const client = new ParleyClient({ url: api.url, WebSocket: WebSocket as never, tokens: hal });
    const toasts: unknown[] = [];
    client.realtime.on('ephemeral', (event) => {
      if (event.type === 'callback.answered') toasts.push(event);
    });
    try {
      await client.realtime.connect();
      const dm = await directChat(hal, id);
      await say(hal, dm, '/start');
      let asked: { id: string; replyMarkup: unknown } | undefined;
      await expect
        .poll(
          async () => {
            const page = await call(api, 'GET', `/api/v1/conversations/${dm}/messages`, { token: hal.accessToken });
            asked = (page.body.data as { id: string; content: string; replyMarkup: unknown }[]).find(
              (m) => m.content === 'Lunch?',
            );
            return asked?.replyMarkup;
          },
          { timeout: 10_000 },
        )
        .toEqual({
          inlineKeyboard: [
            [
              { text: 'Yes', callbackData: 'lunch:yes' },
              { text: 'No', callbackData: 'lunch:no' },
            ],
          ],
        });
      // A button the message does not have is refused; the real one reaches the bot.
      await expect(client.pressButton(asked!.id, 'lunch:maybe')).rejects.toMatchObject({ status: 404 });
      const queryId = await client.pressButton(asked!.id, 'lunch:yes');
      await expect
        .poll(() => toasts, { timeout: 10_000 })
        .toEqual([
          {
            type: 'callback.answered',
            conversationId: dm,
            messageId: asked!.id,
            queryId,
            text: 'Noted!',
            showAlert: false,
          },
        ]);
      expect(pressed).toEqual([{ data: 'lunch:yes', from: 'keyboard_hal' }]);
      await expect
        .poll(async () => (await history(hal, dm)).map((m) => m.content), { timeout: 10_000 })
        .toEqual(['/start', 'Lunch: yes']);
      // A person cannot put buttons under their own message.
      const sneaky = await call(api, 'POST', `/api/v1/conversations/${dm}/messages`, {
        token: hal.accessToken,
        body: { content: 'click me', replyMarkup: { inlineKeyboard: [[{ text: 'x', url: 'https://evil.test' }]] } },
      });
      expect(sneaky.status).toBe(422);
    } finally {
      client.close();
      await bot.stop();
      await running;
    }
  });

  it('an admin grammY bot reads its chat and members, pins, reacts, copies, bans, and hears an edit', async () => {
    const ivy = await signUp(api, 'admin_ivy');
    const jon = await signUp(api, 'admin_jon');
    const { id, token } = await makeBot(ivy, 'admin_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const group = await call(api, 'POST', '/api/v1/conversations', {
      token: ivy.accessToken,
      body: { kind: 'group', name: 'Club', memberIds: [jon.userId, id] },
    });
    const made = await call(api, 'PATCH', `/api/v1/conversations/${group.body.id}/participants/${id}`, {
      token: ivy.accessToken,
      body: { role: 'admin' },
    });
    expect(made.status).toBe(200);
    const hello = await say(jon, group.body.id, 'hello club');
    // As an admin the bot hears everything; it learns the chat's id from the update.
    let updates = await bot.api.getUpdates({ timeout: 5, allowed_updates: ['message', 'edited_message'] });
    await expect
      .poll(async () => (updates = await bot.api.getUpdates({ timeout: 1 })).some((u) => u.message))
      .toBe(true);
    const heard = updates.find((u) => u.message?.text === 'hello club')!.message!;
    const chatId = heard.chat.id;
    expect(await bot.api.getChat(chatId)).toMatchObject({ id: chatId, type: 'supergroup', title: 'Club' });
    expect(await bot.api.getChatMember(chatId, heard.from.id)).toMatchObject({
      status: 'member',
      user: { username: 'admin_jon' },
    });
    expect((await bot.api.getChatAdministrators(chatId)).map((m) => [m.user.username, m.status]).sort()).toEqual([
      ['admin_grammy_bot', 'administrator'],
      ['admin_ivy', 'creator'],
    ]);
    expect(await bot.api.pinChatMessage(chatId, heard.message_id)).toBe(true);
    expect(await bot.api.setMessageReaction(chatId, heard.message_id, [{ type: 'emoji', emoji: '👍' }])).toBe(true);
    const copy = await bot.api.copyMessage(chatId, chatId, heard.message_id);
    const pins = await call(api, 'GET', `/api/v1/conversations/${group.body.id}/pins`, { token: ivy.accessToken });
    expect(pins.body.data.map((p: { messageId: string }) => p.messageId)).toEqual([hello.id]);
    const page = await history(ivy, group.body.id);
    expect(page.map((m) => m.content)).toEqual(['hello club', 'hello club']);
    expect(copy.message_id).toBeGreaterThan(heard.message_id);
    // An edit reaches the bot that heard the message.
    const edited = await call(api, 'PATCH', `/api/v1/conversations/${group.body.id}/messages/${hello.id}`, {
      token: jon.accessToken,
      body: { content: 'hello, club!' },
    });
    expect(edited.status).toBe(200);
    const offset = Math.max(...updates.map((u) => u.update_id)) + 1;
    const later = await bot.api.getUpdates({ offset, timeout: 5 });
    expect(later.map((u) => [u.edited_message?.message_id, u.edited_message?.text])).toEqual([
      [heard.message_id, 'hello, club!'],
    ]);
    // Banned by the bot: Jon is out, and the Bot API says so.
    expect(await bot.api.banChatMember(chatId, heard.from.id)).toBe(true);
    expect((await bot.api.getChatMember(chatId, heard.from.id)).status).toBe('kicked');
    const refused = await call(api, 'POST', `/api/v1/conversations/${group.body.id}/messages`, {
      token: jon.accessToken,
      body: { content: 'let me back' },
    });
    expect(refused.status).toBe(403);
    expect(await bot.api.unbanChatMember(chatId, heard.from.id)).toBe(true);
    expect((await bot.api.getChatMember(chatId, heard.from.id)).status).toBe('left');
  });

  it('runs an echo bot written with telegraf over long polling', async () => {
    const bea = await signUp(api, 'telegraf_bea');
    const { id, token } = await makeBot(bea, 'echo_telegraf_bot');
    const bot = new Telegraf(token, { telegram: { apiRoot: api.url } });
    const heard: string[] = [];
    bot.on('text', async (ctx) => {
      heard.push(ctx.message.text);
      await ctx.reply(`echo: ${ctx.message.text}`, { reply_parameters: { message_id: ctx.message.message_id } });
    });
    void bot.launch({ dropPendingUpdates: false });
    try {
      const dm = await directChat(bea, id);
      await say(bea, dm, 'hi there');
      await expect
        .poll(async () => (await history(bea, dm)).map((m) => m.content), { timeout: 10_000 })
        .toEqual(['hi there', 'echo: hi there']);
      expect(heard).toEqual(['hi there']);
    } finally {
      bot.stop();
    }
  });

  it('runs an echo bot written with python-telegram-bot over long polling', async () => {
    const cal = await signUp(api, 'ptb_cal');
    const { id, token } = await makeBot(cal, 'echo_ptb_bot');
    const bot = await startPtbBot(python, `${root}scripts/bots/ptb_echo.py`, token, api.url);
    try {
      const dm = await directChat(cal, id);
      await say(cal, dm, 'hello python');
      await expect
        .poll(async () => (await history(cal, dm)).map((m) => m.content), { timeout: 20_000 })
        .toEqual(['hello python', 'echo: hello python']);
      expect(bot.heard()).toEqual([{ text: 'hello python', from: 'ptb_cal', chat: 'private' }]);
    } finally {
      await bot.stop();
    }
    expect(bot.errors()).not.toMatch(/Traceback|Error/);
  }, 120_000);
});
