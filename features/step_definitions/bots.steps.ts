import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Heard } from '../support/drivers/bots.js';
import { PASSWORD, type ParleyWorld } from '../support/world.js';

// A bot is remembered by its username: `bot:<username>` holds its id and its current token.

interface MadeBot {
  id: string;
  token: string;
  oldToken?: string;
}

const botOf = (world: ParleyWorld, username: string): MadeBot => {
  const bot = world.memory.get(`bot:${username}`) as MadeBot | undefined;
  assert.ok(bot, `no bot ${username}`);
  return bot;
};

async function make(world: ParleyWorld, owner: string, username: string, displayName?: string) {
  const api = await world.api();
  const made = await api.bots.createBot(world.session(owner), { username, ...(displayName ? { displayName } : {}) });
  world.record(made);
  if (made.ok) world.memory.set(`bot:${username}`, { id: made.value.bot.id, token: made.value.token });
  return made;
}

/** What the bot heard so far (pushed to it by jobs: polled until `until` holds, or 5 s). */
async function heardBy(world: ParleyWorld, username: string, until: (h: Heard[]) => boolean): Promise<Heard[]> {
  const api = await world.api();
  const end = Date.now() + 5000;
  let got: Heard[] = [];
  while (Date.now() < end) {
    got = world.expectOk(await api.bots.updates(botOf(world, username).token), 'getUpdates');
    if (until(got)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return got;
}

When(
  '{word} makes the bot {string} named {string}',
  async function (this: ParleyWorld, owner: string, username: string, name: string) {
    await make(this, owner, username, name);
  },
);

Given('{word} made the bot {string}', async function (this: ParleyWorld, owner: string, username: string) {
  assert.ok((await make(this, owner, username)).ok, 'making the bot');
});

Then(/^(\w+)'s bots are "(.*)"$/, async function (this: ParleyWorld, owner: string, usernames: string) {
  const listed = this.expectOk(await (await this.api()).bots.listBots(this.session(owner)), 'listing bots');
  assert.deepEqual(
    listed.map((b) => b.username),
    usernames.split('", "'),
  );
  assert.ok(
    listed.every((b) => !('token' in b) && !('tokenHash' in b)),
    'a listed bot shows no token',
  );
});

Then(
  /^the token of (\w+) answers getMe as the bot "(.*)"$/,
  async function (this: ParleyWorld, username: string, expected: string) {
    const me = this.expectOk(await (await this.api()).bots.whoAmI(botOf(this, username).token), 'getMe');
    assert.deepEqual(me, { username: expected, isBot: true });
  },
);

Then(/^the old token of (\w+) is refused by the Bot API$/, async function (this: ParleyWorld, username: string) {
  const old = botOf(this, username).oldToken;
  assert.ok(old, 'the token was renewed');
  const me = await (await this.api()).bots.whoAmI(old);
  assert.equal(me.ok, false);
  assert.equal(!me.ok && me.error.type, 'bot_api_401');
});

Then(/^(\w+) cannot sign in with a password$/, async function (this: ParleyWorld, username: string) {
  const api = await this.api();
  for (const password of [PASSWORD, '', botOf(this, username).token])
    assert.equal((await api.login(username, password)).ok, false, 'a bot signed in');
});

When(/^(\w+) renews the token of (\w+)$/, async function (this: ParleyWorld, who: string, username: string) {
  const bot = botOf(this, username);
  const renewed = await (await this.api()).bots.renewToken(this.session(who), bot.id);
  this.record(renewed);
  if (renewed.ok) this.memory.set(`bot:${username}`, { ...bot, token: renewed.value.token, oldToken: bot.token });
});

When(
  /^(\w+) renames (\w+) to "(.*)"$/,
  async function (this: ParleyWorld, who: string, username: string, name: string) {
    this.record(
      await (await this.api()).bots.updateBot(this.session(who), botOf(this, username).id, { displayName: name }),
    );
  },
);

Then(
  /^(\w+)'s bot (\w+) is named "(.*)"$/,
  async function (this: ParleyWorld, owner: string, username: string, name: string) {
    const listed = this.expectOk(await (await this.api()).bots.listBots(this.session(owner)), 'listing bots');
    assert.equal(listed.find((b) => b.username === username)?.displayName, name);
  },
);

Given(/^(\w+) turned privacy mode off for (\w+)$/, async function (this: ParleyWorld, owner: string, username: string) {
  const api = await this.api();
  this.expectOk(await api.bots.updateBot(this.session(owner), botOf(this, username).id, { privacy: false }), 'privacy');
});

When(/^(\w+) (?:starts|started) a chat with (\w+)$/, async function (this: ParleyWorld, who: string, username: string) {
  const opened = await (
    await this.api()
  ).createConversation(this.session(who), {
    kind: 'direct',
    memberIds: [botOf(this, username).id],
  });
  const dm = this.expectOk(opened, 'opening the chat');
  this.conversations.set(username, dm.id);
  this.memory.set(`chat-of:${username}`, who);
});

Given(
  /^(\w+) created the group "(.*)" with (\w+) and the bot (\w+)$/,
  async function (this: ParleyWorld, owner: string, name: string, member: string, username: string) {
    const created = await (
      await this.api()
    ).createConversation(this.session(owner), {
      kind: 'group',
      name,
      memberIds: [this.userId(member), botOf(this, username).id],
    });
    this.conversations.set(name, this.expectOk(created, 'creating the group').id);
  },
);

Then(
  /^(\w+) hears "(.*)" from (\w+) in a (private|supergroup|channel) chat$/,
  async function (this: ParleyWorld, username: string, text: string, from: string, chatType: string) {
    const got = await heardBy(this, username, (h) => h.some((u) => u.text === text));
    const update = got.find((u) => u.text === text);
    assert.ok(update, `${username} heard ${JSON.stringify(got)}`);
    assert.deepEqual([update.kind, update.from, update.chatType], ['message', from, chatType]);
    this.memory.set(`chat:${username}`, update.chatId);
  },
);

Then(
  /^(\w+) hears only "([^"]*)"(?: and "([^"]*)")?$/,
  async function (this: ParleyWorld, username: string, first: string, second?: string | null) {
    const expected = second === null || second === undefined ? [first] : [first, second];
    // The last message sent is among those expected: once it is heard, every earlier one was decided.
    const got = await heardBy(this, username, (h) => h.some((u) => u.text === expected.at(-1)));
    assert.deepEqual(
      got.filter((u) => u.kind === 'message').map((u) => u.text),
      expected,
    );
  },
);

Then(/^(\w+) hears nothing$/, async function (this: ParleyWorld, username: string) {
  const got = this.expectOk(await (await this.api()).bots.updates(botOf(this, username).token), 'getUpdates');
  assert.deepEqual(got, []);
});

When(/^(\w+) answers "(.*)" in that chat$/, async function (this: ParleyWorld, username: string, text: string) {
  const chatId = this.memory.get(`chat:${username}`) as number;
  this.record(await (await this.api()).bots.say(botOf(this, username).token, chatId, text));
});

Then(
  /^(\w+) sees "(.*)" from (\w+) in "(.*)"$/,
  async function (this: ParleyWorld, who: string, text: string, username: string, conversation: string) {
    const page = this.expectOk(
      await (await this.api()).listMessages(this.session(who), this.conversation(conversation), {}),
      'reading history',
    );
    const message = page.data.find((m: { content: string }) => m.content === text);
    assert.equal(message?.senderId, botOf(this, username).id);
  },
);

Then(
  /^(\w+) cannot write in (\w+)'s chat with (\w+)$/,
  async function (this: ParleyWorld, intruder: string, owner: string, _person: string) {
    const chatId = this.memory.get(`chat:${owner}`) as number;
    const said = await (await this.api()).bots.say(botOf(this, intruder).token, chatId, 'let me in');
    assert.equal(said.ok, false, 'the other bot wrote in the chat');
  },
);

When(
  /^(\w+) removes the bot (\w+) from "(.*)"$/,
  async function (this: ParleyWorld, who: string, username: string, name: string) {
    this.expectOk(
      await (await this.api()).removeParticipant(this.session(who), this.conversation(name), botOf(this, username).id),
      'removing the bot',
    );
  },
);

Then(
  /^(\w+) heard it was added to "(.*)" by (\w+)$/,
  async function (this: ParleyWorld, username: string, _name: string, by: string) {
    const got = await heardBy(this, username, (h) => h.some((u) => u.kind === 'my_chat_member'));
    const change = got.find((u) => u.kind === 'my_chat_member');
    assert.deepEqual(
      [change?.change?.from, change?.change?.to, change?.by, change?.chatType],
      ['left', 'member', by, 'supergroup'],
    );
  },
);

Then(
  /^(\w+) heard it went from "(.*)" to "(.*)" in "(.*)" by (\w+)$/,
  async function (this: ParleyWorld, username: string, from: string, to: string, _name: string, by: string) {
    const got = await heardBy(this, username, (h) => h.some((u) => u.change?.to === to));
    const change = got.find((u) => u.change?.to === to);
    assert.deepEqual([change?.change?.from, change?.by], [from, by]);
  },
);

When(
  /^(\w+) answers "(.*)" in that chat with the buttons "(.*)" and "(.*)"$/,
  async function (this: ParleyWorld, username: string, text: string, first: string, second: string) {
    const chatId = this.memory.get(`chat:${username}`) as number;
    this.expectOk(
      await (await this.api()).bots.say(botOf(this, username).token, chatId, text, [first, second]),
      'sending the buttons',
    );
  },
);

/** The message with this text in the person's chat with the bot (by its history). */
async function messageWith(world: ParleyWorld, who: string, conversation: string, text: string) {
  const page = world.expectOk(
    await (await world.api()).listMessages(world.session(who), world.conversation(conversation), {}),
    'reading history',
  );
  const message = page.data.find((m: { content: string }) => m.content === text);
  assert.ok(message, `no "${text}" in ${conversation}`);
  return message;
}

Then(
  /^(\w+) sees "(.*)" from (\w+) with the buttons "(.*)" and "(.*)"$/,
  async function (this: ParleyWorld, who: string, text: string, username: string, first: string, second: string) {
    const message = await messageWith(this, who, username, text);
    assert.equal(message.senderId, botOf(this, username).id);
    assert.deepEqual(message.replyMarkup, {
      inlineKeyboard: [
        [
          { text: first, callbackData: first.toLowerCase() },
          { text: second, callbackData: second.toLowerCase() },
        ],
      ],
    });
  },
);

When(
  /^(\w+) presses "(.*)" under "(.*)"$/,
  async function (this: ParleyWorld, who: string, button: string, text: string) {
    // The message is in the chat of the only bot made in the scenario.
    const [username] = [...this.memory.keys()].filter((k) => k.startsWith('bot:')).map((k) => k.slice(4));
    const owner = this.memory.get('bot-chat-owner') ?? 'Ann';
    const message = await messageWith(this, owner, username!, text);
    this.record(await (await this.api()).bots.press(this.session(who), message.id, button.toLowerCase()));
  },
);

Then(
  /^(\w+) hears that (\w+) pressed "(.*)"$/,
  async function (this: ParleyWorld, username: string, by: string, data: string) {
    const got = await heardBy(this, username, (h) => h.some((u) => u.kind === 'callback_query'));
    const press = got.find((u) => u.kind === 'callback_query');
    assert.deepEqual([press?.by, press?.data], [by, data]);
    this.memory.set(`query:${username}`, press?.queryId);
  },
);

When(/^(\w+) answers the press with "(.*)"$/, async function (this: ParleyWorld, username: string, text: string) {
  const queryId = this.memory.get(`query:${username}`) as string;
  this.expectOk(await (await this.api()).bots.answer(botOf(this, username).token, queryId, text), 'answering');
});

Then(/^(\w+) receives the bot's answer "(.*)"$/, async function (this: ParleyWorld, who: string, text: string) {
  const api = await this.api();
  const end = Date.now() + 3000;
  let got: { type: string; text?: string }[] = [];
  while (Date.now() < end) {
    got = await api.received(this.session(who));
    if (got.some((e) => e.type === 'callback.answered')) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const answer = got.find((e) => e.type === 'callback.answered');
  assert.equal(answer?.text, text);
});
