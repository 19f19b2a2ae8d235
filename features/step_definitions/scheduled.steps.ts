import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

async function schedule(world: ParleyWorld, who: string, text: string, name: string, hours: number) {
  const sendAt = new Date(world.serverNow().getTime() + hours * 3600_000).toISOString();
  const result = await (
    await world.api()
  ).scheduleMessage(world.session(who), world.conversation(name), { content: text, sendAt });
  world.record(result);
  if (result.ok) world.memory.set(`scheduled:${text}`, result.value);
  return result;
}

const scheduledOf = (world: ParleyWorld, text: string): Json => {
  const found = world.memory.get(`scheduled:${text}`);
  assert.ok(found, `"${text}" was not scheduled`);
  return found;
};

When(
  '{word} schedules {string} to {string} in {int} hour(s)',
  async function (this: ParleyWorld, who: string, text: string, name: string, hours: number) {
    await schedule(this, who, text, name, hours);
  },
);

When(
  '{word} schedules {string} to {string} {int} hour(s) ago',
  async function (this: ParleyWorld, who: string, text: string, name: string, hours: number) {
    await schedule(this, who, text, name, -hours);
  },
);

Given(
  '{word} scheduled {string} to {string} in {int} hour(s)',
  async function (this: ParleyWorld, who: string, text: string, name: string, hours: number) {
    assert.ok((await schedule(this, who, text, name, hours)).ok, 'scheduling');
  },
);

When(
  '{word} changes her/his scheduled {string} to {string} in {int} hour(s)',
  async function (this: ParleyWorld, who: string, text: string, content: string, hours: number) {
    const scheduled = scheduledOf(this, text);
    const sendAt = new Date(this.serverNow().getTime() + hours * 3600_000).toISOString();
    this.record(
      await (
        await this.api()
      ).editScheduled(this.session(who), scheduled.conversationId, scheduled.id, { content, sendAt }),
    );
  },
);

When('{word} cancels her/his scheduled {string}', async function (this: ParleyWorld, who: string, text: string) {
  const scheduled = scheduledOf(this, text);
  this.record(await (await this.api()).cancelScheduled(this.session(who), scheduled.conversationId, scheduled.id));
});

When(
  "{word} cancels {word}'s scheduled {string}",
  async function (this: ParleyWorld, who: string, _owner: string, text: string) {
    const scheduled = scheduledOf(this, text);
    this.record(await (await this.api()).cancelScheduled(this.session(who), scheduled.conversationId, scheduled.id));
  },
);

Then(
  "{word}'s scheduled messages in {string} are {string}",
  async function (this: ParleyWorld, who: string, name: string, expected: string) {
    const list = this.expectOk(
      await (await this.api()).listScheduled(this.session(who), this.conversation(name)),
      'listing scheduled messages',
    );
    assert.deepEqual(
      list.map((s: Json) => s.content),
      expected ? expected.split(', ') : [],
    );
  },
);

Then('{string} goes out to {string} once', async function (this: ParleyWorld, text: string, name: string) {
  const reader = [...this.sessions.keys()][0]!;
  let found: Json[] = [];
  for (const end = Date.now() + 5000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const page = this.expectOk(
      await (await this.api()).listMessages(this.session(reader), this.conversation(name), { limit: 100 }),
      'reading history',
    );
    found = page.data.filter((m: Json) => m.content === text);
    if (found.length > 0) break;
  }
  // A few more sweeps: a second copy would show by then.
  await new Promise((r) => setTimeout(r, 1200));
  const page = this.expectOk(
    await (await this.api()).listMessages(this.session(reader), this.conversation(name), { limit: 100 }),
    'reading history',
  );
  found = page.data.filter((m: Json) => m.content === text);
  assert.equal(found.length, 1, `"${text}" is in the history ${found.length} time(s)`);
  this.messages.set(text, { id: found[0].id, conversationId: found[0].conversationId, seq: found[0].seq });
});
