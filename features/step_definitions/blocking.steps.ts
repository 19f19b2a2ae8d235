import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Then, When } from '@cucumber/cucumber';
import type { ParleyWorld } from '../support/world.js';
import type { Json } from '../support/drivers/driver.js';

When('{word} blocks {word}', async function (this: ParleyWorld, who: string, whom: string) {
  const target = whom === 'himself' || whom === 'herself' ? who : whom;
  this.record(await (await this.api()).blockUser(this.session(who), this.userId(target)));
});

When('{word} blocks an unknown user', async function (this: ParleyWorld, who: string) {
  this.record(await (await this.api()).blockUser(this.session(who), randomUUID()));
});

When('{word} unblocks {word}', async function (this: ParleyWorld, who: string, whom: string) {
  const result = await (await this.api()).unblockUser(this.session(who), this.userId(whom));
  this.record(result);
  assert.ok(result.ok, 'unblocking succeeds');
});

Then(
  'the people {word} blocked are {names}, the latest first',
  async function (this: ParleyWorld, who: string, names: string[]) {
    const list = this.expectOk(await (await this.api()).listBlocks(this.session(who)), 'listing blocks');
    assert.deepEqual(
      list.map((row: Json) => row.userId),
      names.map((name) => this.userId(name)),
    );
  },
);

Then('no people are found', function (this: ParleyWorld) {
  assert.deepEqual(this.memory.get('people'), []);
});

Then('{word} sees {word} as offline, never seen', async function (this: ParleyWorld, viewer: string, who: string) {
  const [row] = this.expectOk(
    await (await this.api()).presence(this.session(viewer), [this.userId(who)]),
    'reading presence',
  );
  assert.deepEqual([row.status, row.lastSeenAt], ['offline', null]);
});

Then('{word} has received nothing from {word}', async function (this: ParleyWorld, who: string, from: string) {
  // Given the time the other recipient's copy took, and a little more.
  await new Promise((r) => setTimeout(r, 300));
  const events = (await (await this.api()).received(this.session(who))) as Json[];
  const fromThem = events.filter(
    (e) => e.userId === this.userId(from) && ['typing.started', 'typing.stopped', 'presence.updated'].includes(e.type),
  );
  assert.deepEqual(fromThem, []);
});
