import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

Given('{word} has caught up with {string}', async function (this: ParleyWorld, who: string, conversation: string) {
  const page = this.expectOk(
    await (await this.api()).events(this.session(who), this.conversation(conversation), 0, 1000),
    'reading events',
  );
  this.memory.set(`cursor:${who}:${conversation}`, page.lastEventSeq);
});

When(
  '{word} catches up with {string} in pages of {int}',
  async function (this: ParleyWorld, who: string, conversation: string, size: number) {
    const api = await this.api();
    let cursor = this.memory.get(`cursor:${who}:${conversation}`) ?? 0;
    const seen: Json[] = [];
    for (let round = 0; round < 100; round += 1) {
      const page = this.expectOk(
        await api.events(this.session(who), this.conversation(conversation), cursor, size),
        'reading events',
      );
      seen.push(...page.events);
      cursor = page.lastEventSeq;
      if (!page.hasMore) break;
    }
    this.memory.set('caught-up', seen);
  },
);

When('{word} reads the events of {string}', async function (this: ParleyWorld, who: string, conversation: string) {
  this.record(await (await this.api()).events(this.session(who), this.conversation(conversation), 0));
});

Then('the missed events are, in order:', function (this: ParleyWorld, table: { raw(): string[][] }) {
  const types = (this.memory.get('caught-up') as Json[]).map((e) => e.payload.type);
  assert.deepEqual(
    types,
    table.raw().map((row) => row[0]),
  );
});

Then('the missed events have consecutive event numbers with none repeated', function (this: ParleyWorld) {
  const seqs = (this.memory.get('caught-up') as Json[]).map((e) => e.eventSeq);
  assert.ok(seqs.length > 0);
  seqs.forEach((seq, i) => i > 0 && assert.equal(seq, seqs[i - 1] + 1));
});

Then('{int} events were missed', function (this: ParleyWorld, count: number) {
  assert.equal((this.memory.get('caught-up') as Json[]).length, count);
});

Given('{word} has synced', async function (this: ParleyWorld, who: string) {
  const result = this.expectOk(await (await this.api()).sync(this.session(who)), 'syncing');
  this.memory.set(`sync:${who}`, result.syncToken);
});

When('{int} minute(s) pass(es)', async function (this: ParleyWorld, minutes: number) {
  await (await this.api()).advanceTime(minutes * 60_000);
  this.clockOffsetMs += minutes * 60_000;
});

When('{word} syncs again', async function (this: ParleyWorld, who: string) {
  const result = this.expectOk(
    await (await this.api()).sync(this.session(who), this.memory.get(`sync:${who}`)),
    'syncing',
  );
  this.memory.set('changes', result.changes);
});

When('{word} syncs with the token {string}', async function (this: ParleyWorld, who: string, token: string) {
  const result = await (await this.api()).sync(this.session(who), token);
  this.record(result);
  if (result.ok) this.memory.set('changes', result.value.changes);
});

Then('the changed conversations are {string}', function (this: ParleyWorld, list: string) {
  const ids = (this.memory.get('changes') as Json[]).map((c) => c.conversationId).sort();
  assert.deepEqual(
    ids,
    list
      .split(', ')
      .map((n) => this.conversation(n))
      .sort(),
  );
});

Then('{string} is reported as left', function (this: ParleyWorld, name: string) {
  const change = (this.memory.get('changes') as Json[]).find((c) => c.conversationId === this.conversation(name));
  assert.equal(change?.membership, 'left');
});
