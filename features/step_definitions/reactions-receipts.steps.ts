import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When(
  '{word} reacts to {string} with {string}',
  async function (this: ParleyWorld, who: string, text: string, emoji: string) {
    this.record(await (await this.api()).react(this.session(who), this.message(text).id, emoji));
  },
);

Given(
  '{word} has reacted to {string} with {string}',
  async function (this: ParleyWorld, who: string, text: string, emoji: string) {
    this.expectOk(await (await this.api()).react(this.session(who), this.message(text).id, emoji), 'reacting');
  },
);

When(
  '{word} takes back her/his {string} on {string}',
  async function (this: ParleyWorld, who: string, emoji: string, text: string) {
    this.record(await (await this.api()).unreact(this.session(who), this.message(text).id, emoji));
  },
);

Then(
  '{word} sees the reactions on {string} as {string}',
  async function (this: ParleyWorld, who: string, text: string, expected: string) {
    const m = this.message(text);
    const view = this.expectOk(
      await (await this.api()).getMessage(this.session(who), m.conversationId, m.id),
      'reading',
    );
    const shown = view.reactions.map((r: Json) => `${r.emoji} ${r.count}${r.mine ? ' mine' : ''}`).join(', ');
    assert.equal(shown, expected === 'none' ? '' : expected);
  },
);

When('{word} reads {string}', async function (this: ParleyWorld, who: string, text: string) {
  this.record(await (await this.api()).markRead(this.session(who), this.message(text).id));
});

Given('{word} has read {string}', async function (this: ParleyWorld, who: string, text: string) {
  this.expectOk(await (await this.api()).markRead(this.session(who), this.message(text).id), 'marking read');
});

Then(
  '{word} has {int} unread message(s) in {string}',
  async function (this: ParleyWorld, who: string, count: number, conversation: string) {
    const view = this.expectOk(
      await (await this.api()).getConversation(this.session(who), this.conversation(conversation)),
      'opening',
    );
    assert.equal(view.unreadCount, count);
  },
);

Then(
  '{word} has {int} unread message(s) in {string} in her/his conversation list',
  async function (this: ParleyWorld, who: string, count: number, conversation: string) {
    const list = this.expectOk(await (await this.api()).listConversations(this.session(who)), 'listing');
    assert.equal(list.find((c: Json) => c.id === this.conversation(conversation))?.unreadCount, count);
  },
);

Then(
  "{word}'s read position in {string} is message {int}",
  async function (this: ParleyWorld, who: string, conversation: string, seq: number) {
    const view = this.expectOk(
      await (await this.api()).getConversation(this.session(who), this.conversation(conversation)),
      'opening',
    );
    assert.equal(view.lastReadSeq, seq);
  },
);

When('{word} looks at the receipts of {string}', async function (this: ParleyWorld, who: string, text: string) {
  this.memory.set('receipts', this.record(await (await this.api()).receipts(this.session(who), this.message(text).id)));
});

Then('{names} has/have read it', function (this: ParleyWorld, names: string[]) {
  const readers = (this.memory.get('receipts').readBy as Json[]).map((r) => r.userId).sort();
  assert.deepEqual(readers, names.map((n) => this.userId(n)).sort());
});

Then('{int} people have read it', function (this: ParleyWorld, count: number) {
  assert.equal(this.memory.get('receipts').readCount, count);
});

Then('no reader is named', function (this: ParleyWorld) {
  assert.deepEqual(this.memory.get('receipts').readBy, []);
});
