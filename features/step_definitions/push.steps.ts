import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { SentPush } from '../support/drivers/push.js';
import type { ParleyWorld } from '../support/world.js';

// A device is a named session ("Bob's phone"); the push target it registered is remembered under its name.

/** "Bob's phone, Bob's iPad and Cat's phone" / "Bob's phone or Bob's iPad" -> the names. */
const devicesIn = (list: string) => list.split(/, | and | or /).map((d) => d.trim());

function targetOf(world: ParleyWorld, device: string): string {
  const id = world.memory.get(`push-target:${device}`);
  assert.ok(id, `${device} registered for push`);
  return id;
}

/** The pushes of one message, by device; waits (pushes go out from jobs) until `expected` devices have theirs. */
async function pushesOf(world: ParleyWorld, text: string, expected: string[]): Promise<Map<string, SentPush[]>> {
  const api = await world.api();
  const messageId = world.message(text).id;
  const holders = [...world.sessions.keys()].filter((name) => world.memory.has(`push-target:${name}`));
  const collect = () => {
    const byDevice = new Map<string, SentPush[]>();
    for (const holder of holders) {
      const target = targetOf(world, holder);
      const got = api.push.sent(world.session(holder)).filter((p) => p.target.id === target);
      byDevice.set(
        holder,
        got.filter((p) => p.message.messageId === messageId),
      );
    }
    return byDevice;
  };
  const end = Date.now() + 5000;
  let byDevice = collect();
  while (Date.now() < end && !expected.every((d) => (byDevice.get(d)?.length ?? 0) > 0)) {
    await new Promise((r) => setTimeout(r, 50));
    byDevice = collect();
  }
  return byDevice;
}

When(
  /^(.+) registers for push with the "(.*)" token "(.*)"$/,
  async function (this: ParleyWorld, device: string, kind: string, token: string) {
    const result = await (await this.api()).push.register(this.session(device), { kind, token });
    this.record(result);
    if (result.ok) this.memory.set(`push-target:${device}`, result.value.id);
  },
);

When(/^(.+) registers a Web Push subscription without its keys$/, async function (this: ParleyWorld, device: string) {
  this.record(
    await (
      await this.api()
    ).push.register(this.session(device), {
      kind: 'webpush',
      endpoint: 'https://push.example.com/send/abc',
    }),
  );
});

When(/^(.+) stops push$/, async function (this: ParleyWorld, device: string) {
  this.expectOk(await (await this.api()).push.stop(this.session(device)), 'stopping push');
});

Then(
  /^"(.*)" is pushed once to each of (.+?)(?: but not to (.+))?$/,
  async function (this: ParleyWorld, text: string, to: string, notTo: string | undefined) {
    const pushed = devicesIn(to);
    const byDevice = await pushesOf(this, text, pushed);
    for (const device of pushed) assert.equal(byDevice.get(device)?.length, 1, `${device} pushed once`);
    for (const device of notTo ? devicesIn(notTo) : [])
      assert.equal(byDevice.get(device)?.length ?? 0, 0, `${device} not pushed`);
  },
);

Then(/^"(.*)" is pushed to none of (.+)$/, async function (this: ParleyWorld, text: string, devices: string) {
  // Asked after a later message was pushed: the job of this one ran before it.
  const byDevice = await pushesOf(this, text, []);
  for (const device of devicesIn(devices)) assert.equal(byDevice.get(device)?.length ?? 0, 0, `${device} pushed`);
});

Then(
  /^the push of "(.*)" to (.+) has the badge (\d+)$/,
  async function (this: ParleyWorld, text: string, device: string, badge: string) {
    const [push] = (await pushesOf(this, text, [device])).get(device) ?? [];
    assert.equal(push?.message.badge, Number(badge));
  },
);

Then(
  /^the push of "(.*)" to (.+) says only that a message came$/,
  async function (this: ParleyWorld, text: string, device: string) {
    const [push] = (await pushesOf(this, text, [device])).get(device) ?? [];
    assert.ok(push, `${device} was pushed`);
    assert.deepEqual([push.message.title, push.message.body], ['Parley', 'New message']);
    assert.equal(JSON.stringify(push.message).includes(text), false, 'the text is not in the push');
  },
);
