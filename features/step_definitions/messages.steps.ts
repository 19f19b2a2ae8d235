import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

export async function send(world: ParleyWorld, who: string, text: string, conversation: string, extra: Json = {}) {
  const result = await (
    await world.api()
  ).sendMessage(world.session(who), world.conversation(conversation), { content: text, ...extra });
  world.record(result);
  if (result.ok)
    world.messages.set(text, {
      id: result.value.id,
      conversationId: result.value.conversationId,
      seq: result.value.seq,
    });
  return result;
}

export async function history(world: ParleyWorld, who: string, conversation: string, query: Json = {}) {
  return world.expectOk(
    await (await world.api()).listMessages(world.session(who), world.conversation(conversation), query),
    'reading history',
  );
}

When(
  '{word} sends {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    await send(this, who, text, conversation);
  },
);

/** Characters a feature file cannot spell: a text with one of them is sent as written here. */
const UNSPELLABLE: Record<string, string> = {
  'a NUL character': 'before\u0000after',
  'an unpaired surrogate': 'before\ud800after',
};

When(
  '{word} sends a text with {string} to {string}',
  async function (this: ParleyWorld, who: string, what: string, conversation: string) {
    assert.ok(UNSPELLABLE[what], `unknown text kind ${what}`);
    await send(this, who, UNSPELLABLE[what]!, conversation);
  },
);

Given(
  '{word} has sent {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    assert.ok((await send(this, who, text, conversation)).ok, `sending "${text}"`);
  },
);

Given(
  '{word} has sent {int} messages to {string}',
  async function (this: ParleyWorld, who: string, count: number, conversation: string) {
    for (let i = 1; i <= count; i += 1) assert.ok((await send(this, who, `message ${i}`, conversation)).ok);
  },
);

When(
  '{word} sends a message of {int} characters to {string}',
  async function (this: ParleyWorld, who: string, length: number, conversation: string) {
    await send(this, who, 'x'.repeat(length), conversation);
  },
);

When(
  '{word} sends an empty message to {string}',
  async function (this: ParleyWorld, who: string, conversation: string) {
    await send(this, who, '   ', conversation);
  },
);

When(
  '{word} sends {string} to {string} with client id {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, clientMessageId: string) {
    await send(this, who, text, conversation, { clientMessageId });
    this.memory.set(`client:${clientMessageId}`, this.last.ok ? this.last.value.id : null);
  },
);

When(
  '{word} retries {string} to {string} with client id {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, clientMessageId: string) {
    const result = await (
      await this.api()
    ).sendMessage(this.session(who), this.conversation(conversation), { content: text, clientMessageId });
    this.record(result);
  },
);

Then('the retry returns the original message without creating one', function (this: ParleyWorld) {
  assert.ok(this.last.ok);
  assert.equal(this.last.created, false);
  assert.equal(this.last.value.id, [...this.memory.entries()].find(([k]) => k.startsWith('client:'))?.[1]);
});

Then('the retry creates a new message', function (this: ParleyWorld) {
  assert.ok(this.last.ok);
  assert.equal(this.last.created, true);
  assert.notEqual(this.last.value.id, [...this.memory.entries()].find(([k]) => k.startsWith('client:'))?.[1]);
});

When(
  '{word} sends {int} messages to {string} at once',
  async function (this: ParleyWorld, who: string, count: number, conversation: string) {
    const api = await this.api();
    const results = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        api.sendMessage(this.session(who), this.conversation(conversation), { content: `burst ${i}` }),
      ),
    );
    assert.ok(
      results.every((r) => r.ok),
      'every send succeeds',
    );
  },
);

When(
  '{word} replies {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, target: string) {
    const original = this.message(target);
    const conversation = [...this.conversations].find(([, id]) => id === original.conversationId)![0];
    await send(this, who, text, conversation, { replyToId: original.id });
  },
);

When(
  '{word} replies {string} in {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, target: string) {
    await send(this, who, text, conversation, { replyToId: this.message(target).id });
  },
);

When(
  '{word} sends {string} to {string} mentioning {word}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, mentioned: string) {
    await send(this, who, text, conversation, { metadata: { mentions: [this.userId(mentioned)] } });
  },
);

Then('the message mentions nobody', function (this: ParleyWorld) {
  assert.deepEqual(this.expectOk(this.last, 'sending').metadata.mentions, []);
});

Then('the message mentions only {word}', function (this: ParleyWorld, who: string) {
  assert.deepEqual(this.expectOk(this.last, 'sending').metadata.mentions, [this.userId(who)]);
});

Then(
  '{word} sees {string} in the history of {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    const page = await history(this, who, conversation);
    assert.ok(
      page.data.some((m: Json) => m.content === text),
      `"${text}" not in history`,
    );
  },
);

Then(
  '{word} does not see {string} in the history of {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    const page = await history(this, who, conversation);
    assert.ok(!page.data.some((m: Json) => m.content === text), `"${text}" still in history`);
  },
);

Then(
  'the latest {int} messages {word} sees in {string} are {string}',
  async function (this: ParleyWorld, limit: number, who: string, conversation: string, list: string) {
    const page = await history(this, who, conversation, { limit });
    assert.deepEqual(
      page.data.map((m: Json) => m.content),
      list.split(', '),
    );
    this.memory.set('cursor', page.nextCursor);
    this.memory.set('paging', [who, conversation]);
  },
);

Then('the next {int} older messages are {string}', async function (this: ParleyWorld, limit: number, list: string) {
  const [who, conversation] = this.memory.get('paging') ?? ['Ann', 'Ann & Bob'];
  const page = await history(this, who, conversation, { cursor: this.memory.get('cursor'), limit });
  assert.deepEqual(
    page.data.map((m: Json) => m.content),
    list.split(', '),
  );
});

Then('the next {int} newer messages are {string}', async function (this: ParleyWorld, limit: number, list: string) {
  const [who, conversation] = this.memory.get('paging') ?? ['Ann', 'Ann & Bob'];
  const page = await history(this, who, conversation, { cursor: this.memory.get('cursor'), limit });
  assert.deepEqual(
    page.data.map((m: Json) => m.content),
    list.split(', '),
  );
});

Then(
  'the {int} messages {word} sees in {string} after {string} are {string}',
  async function (this: ParleyWorld, limit: number, who: string, conversation: string, after: string, list: string) {
    const page = await history(this, who, conversation, { after: this.message(after).seq, limit });
    assert.deepEqual(
      page.data.map((m: Json) => m.content),
      list.split(', '),
    );
    this.memory.set('cursor', page.nextCursor);
    this.memory.set('paging', [who, conversation]);
  },
);

Then(
  'the messages of {string} have seqs 1 to {int} without gaps',
  async function (this: ParleyWorld, conversation: string, count: number) {
    const who = [...this.sessions.keys()][0]!;
    const page = await history(this, who, conversation, { after: 0, limit: 100 });
    assert.deepEqual(
      page.data.map((m: Json) => m.seq),
      Array.from({ length: count }, (_, i) => i + 1),
    );
  },
);

Then('{string} replies to {string}', async function (this: ParleyWorld, reply: string, original: string) {
  const who = [...this.sessions.keys()][0]!;
  const found = this.message(reply);
  const conversation = [...this.conversations].find(([, id]) => id === found.conversationId)![0];
  const m = this.expectOk(
    await (await this.api()).getMessage(this.session(who), this.conversation(conversation), found.id),
    'reading',
  );
  assert.equal(m.replyToId, this.message(original).id);
});

Then('{string} links to {string}', async function (this: ParleyWorld, text: string, link: string) {
  assert.ok(this.last.ok);
  assert.equal(this.message(text).id, this.last.value.id);
  assert.deepEqual(this.last.value.metadata.links, [link]);
});

When(
  '{word} edits {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, content: string) {
    const m = this.message(text);
    this.record(await (await this.api()).editMessage(this.session(who), m.conversationId, m.id, content));
  },
);

Then('the message now reads {string} and is marked edited', function (this: ParleyWorld, content: string) {
  assert.ok(this.last.ok);
  assert.equal(this.last.value.content, content);
  assert.ok(this.last.value.editedAt, 'editedAt is set');
  assert.equal(this.last.value.edited, true, 'the edited flag is set');
});

When('{word} deletes {string} for everyone', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  this.record(await (await this.api()).deleteMessage(this.session(who), m.conversationId, m.id, 'everyone'));
});

Given('{word} has deleted {string} for everyone', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  this.expectOk(
    await (await this.api()).deleteMessage(this.session(who), m.conversationId, m.id, 'everyone'),
    'deleting',
  );
});

When('{word} deletes {string} for herself/himself', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  this.record(await (await this.api()).deleteMessage(this.session(who), m.conversationId, m.id, 'me'));
});

Then(
  '{word} sees {string} as a deleted message with no content',
  async function (this: ParleyWorld, who: string, text: string) {
    const m = this.message(text);
    const view = this.expectOk(
      await (await this.api()).getMessage(this.session(who), m.conversationId, m.id),
      'reading',
    );
    assert.equal(view.content, null);
    assert.ok(view.deletedAt, 'deletedAt is set');
  },
);
