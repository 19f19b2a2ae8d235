import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function connect(world: ParleyWorld, who: string) {
  const id = await (await world.api()).connect(world.session(who));
  world.connections.set(who, [...(world.connections.get(who) ?? []), id]);
}

Given('{word} is connected', async function (this: ParleyWorld, who: string) {
  await connect(this, who);
});

When('{word} connects', async function (this: ParleyWorld, who: string) {
  await connect(this, who);
});

When('{word} connects a second device', async function (this: ParleyWorld, who: string) {
  await connect(this, who);
});

When('{word} closes a connection', async function (this: ParleyWorld, who: string) {
  const [first, ...rest] = this.connections.get(who) ?? [];
  assert.ok(first, `${who} has no connection`);
  await (await this.api()).disconnect(first);
  this.connections.set(who, rest);
});

When('{word} disconnects', async function (this: ParleyWorld, who: string) {
  for (const id of this.connections.get(who) ?? []) await (await this.api()).disconnect(id);
  this.connections.set(who, []);
});

const received = async (world: ParleyWorld, who: string): Promise<Json[]> =>
  (await world.api()).received(world.session(who));

Then('{word} receives a {string} event', async function (this: ParleyWorld, who: string, type: string) {
  const got = await eventually(async () => (await received(this, who)).some((e) => e.type === type));
  assert.ok(got, `${who} got ${JSON.stringify((await received(this, who)).map((e) => e.type))}`);
});

Then('{word} receives {string} live', async function (this: ParleyWorld, who: string, text: string) {
  const got = await eventually(async () =>
    (await received(this, who)).some((e) => e.type === 'message.created' && e.payload.message.content === text),
  );
  assert.ok(got, `${who} did not receive "${text}"`);
});

Then(
  '{word} sees {word} typing in {string}',
  async function (this: ParleyWorld, who: string, typist: string, conversation: string) {
    const typing = this.expectOk(
      await (await this.api()).listTyping(this.session(who), this.conversation(conversation)),
      'listing typing',
    );
    assert.deepEqual(
      typing.map((t: Json) => t.userId),
      [this.userId(typist)],
    );
  },
);

Then(
  '{word} sees that nobody is typing in {string}',
  async function (this: ParleyWorld, who: string, conversation: string) {
    const typing = this.expectOk(
      await (await this.api()).listTyping(this.session(who), this.conversation(conversation)),
      'listing typing',
    );
    assert.deepEqual(typing, []);
  },
);

When('{word} starts typing in {string}', async function (this: ParleyWorld, who: string, conversation: string) {
  this.record(await (await this.api()).setTyping(this.session(who), this.conversation(conversation), true));
});

When('{word} stops typing in {string}', async function (this: ParleyWorld, who: string, conversation: string) {
  this.record(await (await this.api()).setTyping(this.session(who), this.conversation(conversation), false));
});

Then('{word} receives that {word} is typing', async function (this: ParleyWorld, who: string, typist: string) {
  const ok = await eventually(async () =>
    (await received(this, who)).some((e) => e.type === 'typing.started' && e.userId === this.userId(typist)),
  );
  assert.ok(ok, 'no typing.started event');
});

Then('{word} receives that {word} stopped typing', async function (this: ParleyWorld, who: string, typist: string) {
  const ok = await eventually(async () =>
    (await received(this, who)).some((e) => e.type === 'typing.stopped' && e.userId === this.userId(typist)),
  );
  assert.ok(ok, 'no typing.stopped event');
});

Then(
  '{word} has not received that {word} stopped typing',
  async function (this: ParleyWorld, who: string, typist: string) {
    // Longer than one sweep (1 s in the API): a wrong typing.stopped would have come by then. (Shorter than
    // what is left of a renewed indicator in the scenarios that use this.)
    await new Promise((r) => setTimeout(r, 1200));
    assert.ok(
      !(await received(this, who)).some((e) => e.type === 'typing.stopped' && e.userId === this.userId(typist)),
      'typing.stopped arrived',
    );
  },
);

async function statusOf(world: ParleyWorld, viewer: string, who: string): Promise<Json> {
  const list = world.expectOk(
    await (await world.api()).presence(world.session(viewer), [world.userId(who)]),
    'reading presence',
  );
  return list[0];
}

Then('{word} sees {word} as {word}', async function (this: ParleyWorld, viewer: string, who: string, status: string) {
  const ok = await eventually(async () => (await statusOf(this, viewer, who)).status === status);
  assert.ok(ok, `status is ${(await statusOf(this, viewer, who)).status}`);
});

Then('{word} sees when {word} was last seen', async function (this: ParleyWorld, viewer: string, who: string) {
  assert.ok((await statusOf(this, viewer, who)).lastSeenAt, 'lastSeenAt is set');
});

Then(
  '{word} receives that {word} went {word}',
  async function (this: ParleyWorld, viewer: string, who: string, status: string) {
    const ok = await eventually(async () =>
      (await received(this, viewer)).some(
        (e) => e.type === 'presence.updated' && e.userId === this.userId(who) && e.status === status,
      ),
    );
    assert.ok(ok, `no presence.updated ${status}`);
  },
);

When('{word} sets herself/himself away', async function (this: ParleyWorld, who: string) {
  this.record(await (await this.api()).setAway(this.session(who), true));
});
