import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi, type Client } from './test-server.js';

/**
 * The Bot API's edges: what a token opens and what it does not (another bot's chats, the REST API), and answers
 * shaped as Telegram's, whatever the request.
 */
let api: RunningApi;
let ann: Client;
let mine: { id: string; token: string };
let other: { id: string; token: string };
let annChat: number;

const bot = async (token: string, method: string, params?: unknown, init: RequestInit = {}) => {
  const res = await fetch(`${api.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params ?? {}),
    ...init,
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the Bot API's JSON, as each test reads it
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function makeBot(owner: Client, username: string) {
  const made = await call(api, 'POST', '/api/v1/bots', { token: owner.accessToken, body: { username } });
  expect(made.status).toBe(201);
  return { id: made.body.bot.id as string, token: made.body.token as string };
}

beforeAll(async () => {
  api = await startTestApi();
  ann = await signUp(api, 'botapi_ann');
  const bob = await signUp(api, 'botapi_bob');
  mine = await makeBot(ann, 'mine_bot');
  other = await makeBot(bob, 'other_bot');
  const dm = await call(api, 'POST', '/api/v1/conversations', {
    token: ann.accessToken,
    body: { kind: 'direct', memberIds: [mine.id] },
  });
  await call(api, 'POST', `/api/v1/conversations/${dm.body.id}/messages`, {
    token: ann.accessToken,
    body: { content: 'only for mine_bot' },
  });
  const heard = await bot(mine.token, 'getUpdates', { timeout: 5 });
  annChat = heard.body.result[0].message.chat.id;
});

afterAll(async () => api.stop());

describe('the Bot API', () => {
  it('answers a wrong, malformed or foreign token 401 Unauthorized, as Telegram', async () => {
    const [id] = mine.token.split(':');
    for (const token of ['nonsense', `${id}:${'x'.repeat(40)}`, `999999:${mine.token.split(':')[1]}`, ann.accessToken])
      expect(await bot(token, 'getMe')).toEqual({
        status: 401,
        body: { ok: false, error_code: 401, description: 'Unauthorized' },
      });
  });

  it('answers an unknown method 404 Not Found, and takes GET with a query and forms too', async () => {
    expect(await bot(mine.token, 'sendTelepathy')).toEqual({
      status: 404,
      body: { ok: false, error_code: 404, description: 'Not Found' },
    });
    const get = await fetch(`${api.url}/bot${mine.token}/getMe`);
    expect(((await get.json()) as { result: { username: string } }).result.username).toBe('mine_bot');
    const form = await fetch(`${api.url}/bot${mine.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ chat_id: String(annChat), text: 'by form' }),
    });
    expect(((await form.json()) as { result: { text: string } }).result.text).toBe('by form');
  });

  it("gives a bot nothing of another bot's chats: no updates, no sends, no edits, no deletes", async () => {
    expect((await bot(other.token, 'getUpdates')).body.result).toEqual([]);
    for (const [method, params] of [
      ['sendMessage', { chat_id: annChat, text: 'let me in' }],
      ['editMessageText', { chat_id: annChat, message_id: 1, text: 'changed' }],
      ['deleteMessage', { chat_id: annChat, message_id: 1 }],
      ['sendChatAction', { chat_id: annChat, action: 'typing' }],
      ['leaveChat', { chat_id: annChat }],
    ] as const) {
      const answer = await bot(other.token, method, params);
      expect(answer.status, method).toBe(400);
      expect(answer.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    }
  });

  it("does not open the REST API or the socket with a bot's token, and a bot never signs in", async () => {
    expect((await call(api, 'GET', '/api/v1/auth/me', { token: mine.token })).status).toBe(401);
    const login = await call(api, 'POST', '/api/v1/auth/login', {
      body: { login: 'mine_bot', password: 'correct horse battery' },
    });
    expect(login.status).toBe(401);
  });

  it('refuses bad parameters as Bad Request, never 500', async () => {
    for (const [method, params] of [
      ['sendMessage', { chat_id: annChat }],
      ['sendMessage', { chat_id: 'not a chat', text: 'x' }],
      ['sendMessage', { chat_id: annChat, text: '' }],
      ['getUpdates', { limit: 1000 }],
      ['getUpdates', { allowed_updates: '{not json' }],
      ['setMyCommands', { commands: [{ command: 'Bad Command!', description: 'x' }] }],
      ['editMessageText', { chat_id: annChat, message_id: 'x', text: 'y' }],
    ] as const) {
      const answer = await bot(mine.token, method, params);
      expect([answer.status, answer.body.ok], `${method} ${JSON.stringify(params)}`).toEqual([400, false]);
      expect(answer.body.description).toMatch(/^Bad Request: /);
    }
    const broken = await bot(mine.token, 'sendMessage', undefined, { body: '{"chat_id": ' });
    expect([broken.status, broken.body.ok]).toEqual([400, false]);
  });

  it('ends an older getUpdates with 409 Conflict when a newer one starts, as Telegram', async () => {
    const pending = (await bot(mine.token, 'getUpdates')).body.result as { update_id: number }[];
    const offset = Math.max(0, ...pending.map((u) => u.update_id)) + 1;
    const first = bot(mine.token, 'getUpdates', { offset, timeout: 5 });
    await new Promise((r) => setTimeout(r, 300));
    const second = bot(mine.token, 'getUpdates', { offset, timeout: 1 });
    expect((await first).body).toMatchObject({ ok: false, error_code: 409 });
    expect((await second).status).toBe(200);
  });

  it('takes only public HTTPS webhooks by default: no plain HTTP, local, private or credentialed address', async () => {
    for (const url of [
      'http://bots.example.com/hook',
      'https://127.0.0.1/hook',
      'https://localhost:8443/hook',
      'https://10.1.2.3/hook',
      'https://192.168.0.10/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://[::1]/hook',
      'https://2130706433/hook',
      'https://user:secret@bots.example.com/hook',
      'ftp://bots.example.com/hook',
    ]) {
      const answer = await bot(mine.token, 'setWebhook', { url });
      expect([answer.status, answer.body.description], url).toEqual([400, expect.stringMatching(/^Bad Request: url /)]);
    }
    const bad = await bot(mine.token, 'setWebhook', {
      url: 'https://bots.example.com/hook',
      secret_token: 'no spaces',
    });
    expect(bad.status).toBe(400);
    expect((await bot(mine.token, 'getWebhookInfo')).body.result.url).toBe('');
  });
});
