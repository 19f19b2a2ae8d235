import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When('{word} pins {string}', async function (this: ParleyWorld, who: string, text: string) {
  const message = this.message(text);
  this.record(await (await this.api()).pin(this.session(who), message.conversationId, message.id));
});

Given('{word} pinned {string}', async function (this: ParleyWorld, who: string, text: string) {
  const message = this.message(text);
  this.expectOk(await (await this.api()).pin(this.session(who), message.conversationId, message.id), 'pinning');
});

When('{word} unpins {string}', async function (this: ParleyWorld, who: string, text: string) {
  const message = this.message(text);
  this.record(await (await this.api()).unpin(this.session(who), message.conversationId, message.id));
});

When('{word} lists the pins of {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).listPins(this.session(who), this.conversation(name)));
});

When('{word} lists the pins of {string} as a moderator', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).moderatorListPins(this.session(who), this.conversation(name)));
});

When(
  '{word} removes the pin of {string} in {string} because {string}',
  async function (this: ParleyWorld, who: string, text: string, name: string, reason: string) {
    this.record(
      await (
        await this.api()
      ).moderatorRemovePin(this.session(who), this.conversation(name), this.message(text).id, reason),
    );
  },
);

Then(
  'the pins {word} sees in {string} are {string}',
  async function (this: ParleyWorld, who: string, name: string, expected: string) {
    const pins = this.expectOk(
      await (await this.api()).listPins(this.session(who), this.conversation(name)),
      'listing pins',
    );
    assert.deepEqual(
      pins.map((p: Json) => p.message?.content),
      expected ? expected.split(', ') : [],
    );
  },
);
