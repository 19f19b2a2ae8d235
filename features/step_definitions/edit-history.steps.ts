import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When(
  '{word} sets the edit window of {string} to {int} seconds',
  async function (this: ParleyWorld, who: string, name: string, seconds: number) {
    this.record(
      await (
        await this.api()
      ).updateConversation(this.session(who), this.conversation(name), { settings: { editWindowSeconds: seconds } }),
    );
  },
);

When(
  '{word} sets the edit window of {string} to nothing',
  async function (this: ParleyWorld, who: string, name: string) {
    this.record(
      await (
        await this.api()
      ).updateConversation(this.session(who), this.conversation(name), { settings: { editWindowSeconds: null } }),
    );
  },
);

When('{word} lists the versions of {string}', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  this.record(await (await this.api()).messageVersions(this.session(who), m.conversationId, m.id));
});

Then(
  'the versions {word} sees of {string} are {string}',
  async function (this: ParleyWorld, who: string, text: string, expected: string) {
    const m = this.message(text);
    const versions = this.expectOk(
      await (await this.api()).messageVersions(this.session(who), m.conversationId, m.id),
      'listing versions',
    );
    // A deleted message has one version left: its tombstone, with no text.
    const texts = versions.map((v: Json) => v.content).filter((c: string | null) => c !== null);
    assert.deepEqual(texts, expected ? expected.split(/, (?=[A-Z])/) : []);
    assert.deepEqual(
      versions.map((v: Json) => v.version),
      versions.map((_: Json, i: number) => i + 1),
      'numbered 1, 2, 3...',
    );
  },
);

Then('{word} sees {string} as not edited', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  const message = this.expectOk(
    await (await this.api()).getMessage(this.session(who), m.conversationId, m.id),
    'reading',
  );
  assert.deepEqual([message.edited, message.editedAt], [false, null]);
});
