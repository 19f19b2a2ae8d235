import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';
import { history } from './messages.steps.js';

async function addFilter(world: ParleyWorld, who: string, kind: string, pattern: string, verb: string) {
  const result = await (
    await world.api()
  ).review.addFilter(world.session(who), { kind, pattern, action: verb === 'holds' ? 'hold' : 'block' });
  world.record(result);
  if (result.ok) world.memory.set(`filter:${pattern}`, result.value.id);
  return result;
}

Given(
  /^(\w+) has added a (word|link) filter "([^"]+)" that (blocks|holds)$/,
  async function (this: ParleyWorld, who: string, kind: string, pattern: string, verb: string) {
    assert.ok((await addFilter(this, who, kind, pattern, verb)).ok, `adding the filter "${pattern}"`);
  },
);

When(
  /^(\w+) adds a (word|link) filter "([^"]+)" that (blocks|holds)$/,
  async function (this: ParleyWorld, who: string, kind: string, pattern: string, verb: string) {
    await addFilter(this, who, kind, pattern, verb);
  },
);

When('{word} removes the filter {string}', async function (this: ParleyWorld, who: string, pattern: string) {
  const id = this.memory.get(`filter:${pattern}`) as string;
  this.record(await (await this.api()).review.removeFilter(this.session(who), id));
});

Then('{word} sees the filters {string}', async function (this: ParleyWorld, who: string, list: string) {
  const filters = this.expectOk(await (await this.api()).review.listFilters(this.session(who)), 'listing filters');
  assert.deepEqual(
    filters.map((f: Json) => `${f.kind} ${f.pattern} ${f.action}`),
    list ? list.split(', ') : [],
  );
});

When(
  /^(\w+) tries a (word|link) filter "([^"]+)" over the last (\d+) messages?$/,
  async function (this: ParleyWorld, who: string, kind: string, pattern: string, last: string) {
    this.record(await (await this.api()).review.dryRun(this.session(who), { kind, pattern, last: Number(last) }));
  },
);

Then(
  'the dry run looked at {int} message(s) and caught {string}',
  function (this: ParleyWorld, scanned: number, caught: string) {
    const run = this.expectOk(this.last, 'the dry run');
    const texts = caught ? caught.split(', ') : [];
    assert.deepEqual(
      [run.scanned, run.caught, run.messages.map((m: Json) => m.excerpt)],
      [scanned, texts.length, texts],
    );
  },
);

/** The held message of the scenario: the last send's answer, which must be a held receipt. */
Then('the message is held for review', function (this: ParleyWorld) {
  const held = this.expectOk(this.last, 'sending');
  assert.equal(held.state, 'held', `not held: ${JSON.stringify(held)}`);
  assert.equal(held.messageId, null);
  if (this.memory.has('held')) assert.equal(held.id, this.memory.get('held'), 'the retry finds the same one');
  else this.memory.set('held', held.id);
});

Then('{word} sees {int} message(s) waiting for review', async function (this: ParleyWorld, who: string, n: number) {
  const waiting = this.expectOk(await (await this.api()).review.listHeld(this.session(who)), 'listing held ones');
  assert.equal(waiting.length, n);
  if (n > 0) assert.deepEqual(waiting[0].filterIds.length > 0, true, 'names the filters that caught it');
});

When(
  /^(\w+) (approves|rejects) the held message(?: because "([^"]+)")?$/,
  async function (this: ParleyWorld, who: string, verb: string, reason?: string) {
    const decision = verb === 'approves' ? 'approve' : 'reject';
    const id = this.memory.get('held') as string;
    this.record(await (await this.api()).review.review(this.session(who), id, decision, reason));
  },
);

Then(
  /^(\w+) is told (?:her|his) held message was (approved|rejected)$/,
  async function (this: ParleyWorld, who: string, state: string) {
    const id = this.memory.get('held') as string;
    const receipt = this.expectOk(await (await this.api()).review.heldReceipt(this.session(who), id), 'the receipt');
    assert.equal(receipt.state, state);
    assert.equal(receipt.messageId === null, state === 'rejected');
    this.memory.set('held:became', receipt.messageId);
  },
);

Then('the retry returns the message it became, creating nothing', function (this: ParleyWorld) {
  const message = this.expectOk(this.last, 'the retry');
  assert.equal(this.last.created, false);
  assert.equal(message.id, this.memory.get('held:became'));
});

When('{word} asks what became of the held message', async function (this: ParleyWorld, who: string) {
  this.record(await (await this.api()).review.heldReceipt(this.session(who), this.memory.get('held') as string));
});

Then(
  '{word} sees {string} once in the history of {string}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    const page = await history(this, who, conversation);
    assert.equal(page.data.filter((m: Json) => m.content === text).length, 1);
  },
);

Then('the audit log shows the held message {string}', async function (this: ParleyWorld, actions: string) {
  const log = this.expectOk(
    await (await this.api()).staff.auditLog(await this.root(), this.memory.get('held') as string),
    'reading the audit log',
  );
  assert.deepEqual(
    log.map((e: Json) => e.action),
    actions.split(', '),
  );
});
