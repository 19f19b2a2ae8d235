import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';
import { send } from './messages.steps.js';

async function thread(world: ParleyWorld, text: string, query: Json = {}): Promise<Json> {
  const m = world.message(text);
  const reader = [...world.sessions.keys()][0]!;
  return world.expectOk(
    await (await world.api()).listThread(world.session(reader), m.conversationId, m.id, query),
    'reading the thread',
  );
}

const conversationOf = (world: ParleyWorld, text: string) =>
  [...world.conversations].find(([, id]) => id === world.message(text).conversationId)![0];

Given(
  '{word} has replied {string} to {string}',
  async function (this: ParleyWorld, who: string, texts: string, target: string) {
    for (const text of texts.split(', '))
      assert.ok(
        (await send(this, who, text, conversationOf(this, target), { replyToId: this.message(target).id })).ok,
        `replying ${text}`,
      );
  },
);

When('{word} turns comments on in {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.expectOk(
    await (
      await this.api()
    ).updateConversation(this.session(who), this.conversation(name), { settings: { comments: true } }),
    'turning comments on',
  );
});

async function threadHas(this: ParleyWorld, text: string, count: number, last: string) {
  // Replies join their thread right after they are stored (a follow-up of the send).
  let page: Json;
  for (const end = Date.now() + 3000; ; await new Promise((r) => setTimeout(r, 50))) {
    page = await thread(this, text, { limit: 1 });
    if (page.replyCount === count || Date.now() > end) break;
  }
  assert.deepEqual([page.replyCount, page.lastReplySeq, page.data[0]?.content], [count, this.message(last).seq, last]);
}
Then('the thread of {string} has {int} replies, the last {string}', threadHas);
Then('the thread of {string} has {int} reply, the last {string}', threadHas);

Then(
  'the thread of {string} reads {string} oldest first',
  async function (this: ParleyWorld, text: string, expected: string) {
    const page = await thread(this, text, { after: 0 });
    assert.deepEqual(
      page.data.map((m: Json) => m.content),
      expected.split(', '),
    );
  },
);

Then(
  'the thread of {string} is the thread of {string}',
  async function (this: ParleyWorld, reply: string, root: string) {
    const [a, b] = [await thread(this, reply, { after: 0 }), await thread(this, root, { after: 0 })];
    assert.deepEqual([a.root.id, a.data.map((m: Json) => m.id)], [b.root.id, b.data.map((m: Json) => m.id)]);
  },
);

Then(
  'the thread of {string}, {int} at a time newest first, reads {string} then {string} then {string}',
  async function (this: ParleyWorld, text: string, limit: number, p1: string, p2: string, p3: string) {
    const pages: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 3; i += 1) {
      const page = await thread(this, text, { limit, ...(cursor ? { cursor } : {}) });
      pages.push(page.data.map((m: Json) => m.content).join(', '));
      cursor = page.nextCursor ?? undefined;
      if (!cursor) break;
    }
    assert.deepEqual(pages, [p1, p2, p3]);
  },
);
