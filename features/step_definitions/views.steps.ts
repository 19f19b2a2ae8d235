import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When('{word} saw {string}', async function (this: ParleyWorld, who: string, text: string) {
  const m = this.message(text);
  this.expectOk(
    await (await this.api()).recordViews(this.session(who), m.conversationId, [m.id]),
    'recording the view',
  );
});

When('{word} saw {string} and {string}', async function (this: ParleyWorld, who: string, a: string, b: string) {
  const [ma, mb] = [this.message(a), this.message(b)];
  this.expectOk(
    await (await this.api()).recordViews(this.session(who), ma.conversationId, [ma.id, mb.id]),
    'recording the views',
  );
});

When(
  '{word} saw {string} {int} times at once',
  async function (this: ParleyWorld, who: string, text: string, times: number) {
    const m = this.message(text);
    const api = await this.api();
    const results = await Promise.all(
      Array.from({ length: times }, () => api.recordViews(this.session(who), m.conversationId, [m.id])),
    );
    assert.deepEqual(
      results.map((r) => (r.ok ? r.value.counted : 'failed')).sort(),
      [0, 0, 0, 0, 1].slice(5 - times),
      'counted by one call',
    );
  },
);

When(
  '{word} says she/he saw {string} in {string}',
  async function (this: ParleyWorld, who: string, text: string, name: string) {
    this.record(
      await (await this.api()).recordViews(this.session(who), this.conversation(name), [this.message(text).id]),
    );
  },
);

When(
  '{word} asks how many saw {string} in {string}',
  async function (this: ParleyWorld, who: string, text: string, name: string) {
    this.record(
      await (await this.api()).viewCounts(this.session(who), this.conversation(name), [this.message(text).id]),
    );
  },
);

Then(
  '{word} sees {int} view(s) of {string} and {int} view(s) of {string}',
  async function (this: ParleyWorld, who: string, a: number, textA: string, b: number, textB: string) {
    const [ma, mb] = [this.message(textA), this.message(textB)];
    const counts = this.expectOk(
      await (await this.api()).viewCounts(this.session(who), ma.conversationId, [ma.id, mb.id]),
      'reading view counts',
    );
    const views = (id: string) => counts.find((c: Json) => c.messageId === id)?.views;
    assert.deepEqual([views(ma.id), views(mb.id)], [a, b]);
  },
);
