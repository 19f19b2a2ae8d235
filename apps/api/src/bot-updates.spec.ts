import { Bot as GrammyBot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApi } from './server.js';
import { call, signUp, startTestApi } from './test-server.js';
import { botPeople } from './testkit/bots.js';

/**
 * The updates an admin bot asks for by name (chat_member, message_reaction) and those of a channel it runs
 * (channel_post, edited_channel_post), read by a grammY bot unchanged but for its API root.
 */
let api: RunningApi;
const { makeBot, say } = botPeople(() => api);

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(async () => api.stop());

/** Everything the bot is given from `offset` on, until `enough` holds (each poll confirms the one before). */
async function collect(bot: GrammyBot, kinds: string[], enough: (all: Update[]) => boolean): Promise<Update[]> {
  const all: Update[] = [];
  const until = Date.now() + 10_000;
  while (!enough(all) && Date.now() < until) {
    const offset = all.length ? all.at(-1)!.update_id + 1 : undefined;
    all.push(...(await bot.api.getUpdates({ offset, timeout: 1, allowed_updates: kinds as never })));
  }
  return all;
}

describe('updates an admin bot asks for', () => {
  it('hears members come and go (chat_member), reactions change (message_reaction), its own promotion', async () => {
    const kim = await signUp(api, 'upd_kim');
    const lou = await signUp(api, 'upd_lou');
    const { id, token } = await makeBot(kim, 'members_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const group = (
      await call(api, 'POST', '/api/v1/conversations', {
        token: kim.accessToken,
        body: { kind: 'group', name: 'Desk', memberIds: [id] },
      })
    ).body.id as string;
    const path = `/api/v1/conversations/${group}/participants`;
    expect(
      (await call(api, 'PATCH', `${path}/${id}`, { token: kim.accessToken, body: { role: 'admin' } })).status,
    ).toBe(200);
    expect((await call(api, 'POST', path, { token: kim.accessToken, body: { userId: lou.userId } })).status).toBe(201);
    const note = await say(lou, group, 'hello desk');
    const react = (method: string, suffix = '') =>
      call(api, method, `/api/v1/messages/${note.id}/reactions${suffix}`, {
        token: kim.accessToken,
        ...(method === 'POST' ? { body: { emoji: '👍' } } : {}),
      });
    expect((await react('POST')).status).toBeLessThan(300);
    expect((await react('DELETE', `/${encodeURIComponent('👍')}`)).status).toBe(204);
    expect((await call(api, 'DELETE', `${path}/${lou.userId}`, { token: kim.accessToken })).status).toBe(204);
    const kinds = ['message', 'my_chat_member', 'chat_member', 'message_reaction'];
    const got = await collect(
      bot,
      kinds,
      (all) => all.filter((u) => u.chat_member).length >= 2 && all.filter((u) => u.message_reaction).length >= 2,
    );
    const members = got
      .filter((u) => u.my_chat_member || u.chat_member)
      .map((u) => {
        const change = (u.my_chat_member ?? u.chat_member)!;
        return [
          u.my_chat_member ? 'my' : 'chat',
          change.new_chat_member.user.username,
          change.old_chat_member.status,
          change.new_chat_member.status,
          change.from.username,
        ];
      });
    expect(members).toEqual([
      ['my', 'members_grammy_bot', 'left', 'member', 'upd_kim'],
      ['my', 'members_grammy_bot', 'member', 'administrator', 'upd_kim'],
      ['chat', 'upd_lou', 'left', 'member', 'upd_kim'],
      ['chat', 'upd_lou', 'member', 'left', 'upd_kim'],
    ]);
    const heard = got.find((u) => u.message?.text === 'hello desk')!.message!;
    const reactions = got.filter((u) => u.message_reaction).map((u) => u.message_reaction!);
    expect(reactions.map((r) => [r.message_id, r.user?.username, r.old_reaction, r.new_reaction])).toEqual([
      [heard.message_id, 'upd_kim', [], [{ type: 'emoji', emoji: '👍' }]],
      [heard.message_id, 'upd_kim', [{ type: 'emoji', emoji: '👍' }], []],
    ]);
    expect(reactions[0]!.chat.id).toBe(heard.chat.id);
  });

  it('without asking, hears neither; a member bot hears no chat_member', async () => {
    const max = await signUp(api, 'upd_max');
    const ned = await signUp(api, 'upd_ned');
    const { id, token } = await makeBot(max, 'quiet_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const group = (
      await call(api, 'POST', '/api/v1/conversations', {
        token: max.accessToken,
        body: { kind: 'group', name: 'Quiet', memberIds: [id] },
      })
    ).body.id as string;
    await call(api, 'POST', `/api/v1/conversations/${group}/participants`, {
      token: max.accessToken,
      body: { userId: ned.userId },
    });
    const got = await bot.api.getUpdates({ timeout: 1, allowed_updates: ['chat_member', 'my_chat_member'] });
    expect(got.map((u) => Object.keys(u).find((k) => k !== 'update_id'))).toEqual(['my_chat_member']);
  });

  it("hears a channel's posts and their edits as an admin (channel_post, edited_channel_post)", async () => {
    const ola = await signUp(api, 'upd_ola');
    const { id, token } = await makeBot(ola, 'news_grammy_bot');
    const bot = new GrammyBot(token, { client: { apiRoot: api.url } });
    const channel = (
      await call(api, 'POST', '/api/v1/conversations', {
        token: ola.accessToken,
        body: { kind: 'channel', name: 'News', memberIds: [id] },
      })
    ).body.id as string;
    expect(
      (
        await call(api, 'PATCH', `/api/v1/conversations/${channel}/participants/${id}`, {
          token: ola.accessToken,
          body: { role: 'admin' },
        })
      ).status,
    ).toBe(200);
    const post = await say(ola, channel, 'breaking');
    expect(
      (
        await call(api, 'PATCH', `/api/v1/conversations/${channel}/messages/${post.id}`, {
          token: ola.accessToken,
          body: { content: 'breaking, updated' },
        })
      ).status,
    ).toBe(200);
    const got = await collect(bot, ['channel_post', 'edited_channel_post'], (all) =>
      all.some((u) => u.edited_channel_post),
    );
    expect(got.map((u) => [u.channel_post?.text, u.edited_channel_post?.text])).toEqual([
      ['breaking, updated', undefined],
      [undefined, 'breaking, updated'],
    ]);
    expect(got[1]!.edited_channel_post).toMatchObject({
      chat: { type: 'channel', title: 'News' },
      edit_date: expect.any(Number),
    });
  });
});
