import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ParleyWorld } from '../support/world.js';
import type { Json } from '../support/drivers/driver.js';
import { history } from './messages.steps.js';

When(
  '{word} forwards {string} to {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    const result = await (
      await this.api()
    ).forwardMessage(this.session(who), this.message(text).id, this.conversation(conversation));
    this.record(result);
    if (result.ok) this.memory.set('forwarded', result.value);
  },
);

When(
  /^(\w+) forwards "([^"]*)" to "([^"]*)" with client id "([^"]*)"( again)?$/,
  async function (this: ParleyWorld, who: string, text: string, conversation: string, id: string, again?: string) {
    const api = await this.api();
    const result = await api.forwardMessage(
      this.session(who),
      this.message(text).id,
      this.conversation(conversation),
      id,
    );
    this.record(result);
    this.memory.set(again ? 'forward:again' : 'forward:first', result);
  },
);

Then('the second forward returns the first copy without creating one', function (this: ParleyWorld) {
  const first = this.memory.get('forward:first');
  const again = this.memory.get('forward:again');
  assert.ok(first.ok && again.ok);
  assert.deepEqual([first.created, again.created], [true, false]);
  assert.equal(again.value.id, first.value.id);
});

When(
  /^(\w+) forwards "([^"]*)" to "([^"]*)" together with client id "([^"]*)"( again)?$/,
  async function (this: ParleyWorld, who: string, texts: string, conversation: string, id: string, again?: string) {
    const ids = texts.split(', ').map((text) => this.message(text).id);
    const result = await (
      await this.api()
    ).forwardMessages(this.session(who), ids, this.conversation(conversation), id);
    this.record(result);
    if (again) {
      const first = this.memory.get('forwards:first');
      assert.ok(result.ok && first.ok);
      assert.equal(result.created, false, 'a retried batch stores nothing');
      assert.deepEqual(
        result.value.map((m: Json) => m.id),
        first.value.map((m: Json) => m.id),
      );
    } else this.memory.set('forwards:first', result);
  },
);

Then(
  '{string} holds {string} in that order, each forwarded from {word}',
  async function (this: ParleyWorld, conversation: string, texts: string, who: string) {
    const page = await history(this, who, conversation);
    const oldestFirst = [...page.data].reverse();
    assert.deepEqual(
      oldestFirst.map((m: Json) => m.content),
      texts.split(', '),
    );
    assert.ok(oldestFirst.every((m: Json) => m.forwardedFrom?.senderId === this.userId(who)));
  },
);

Then('{string} holds no message', async function (this: ParleyWorld, conversation: string) {
  const who = [...this.sessions.keys()][0]!;
  assert.deepEqual((await history(this, who, conversation)).data, []);
});

Then('the forwarded message shows it came from {word}', function (this: ParleyWorld, who: string) {
  assert.equal(this.memory.get('forwarded').forwardedFrom.senderId, this.userId(who));
});
