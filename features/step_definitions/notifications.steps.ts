import { Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';
import { send } from './messages.steps.js';

When(
  '{word} sends {string} to {string} silently',
  async function (this: ParleyWorld, who: string, text: string, conversation: string) {
    await send(this, who, text, conversation, { silent: true });
  },
);

When(
  '{word} sends {string} to {string} silently mentioning {word}',
  async function (this: ParleyWorld, who: string, text: string, conversation: string, mentioned: string) {
    await send(this, who, text, conversation, { silent: true, metadata: { mentions: [this.userId(mentioned)] } });
  },
);

Then('the message is marked silent', function (this: ParleyWorld) {
  assert.ok(this.last.ok);
  assert.equal(this.last.value.metadata.silent, true);
});

/** Notifications go out from jobs: wait until the expected ones came, then check nothing else did. */
async function notifiedOf(world: ParleyWorld, who: string, expected: string[]): Promise<string[]> {
  const ids = expected.map((text) => world.message(text).id);
  const end = Date.now() + 5000;
  let got: Json[] = [];
  while (Date.now() < end) {
    got = await (await world.api()).notifications(world.session(who));
    if (ids.every((id) => got.some((n) => n.messageId === id))) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const byId = new Map([...world.messages].map(([text, m]) => [m.id, text]));
  return got.map((n) => byId.get(n.messageId) ?? n.messageId);
}

Then('{word} is notified of {string} only', async function (this: ParleyWorld, who: string, text: string) {
  assert.deepEqual(await notifiedOf(this, who, [text]), [text]);
});

Then('{word} is notified of {string} as a mention', async function (this: ParleyWorld, who: string, text: string) {
  const id = this.message(text).id;
  await notifiedOf(this, who, [text]);
  const notification = (await (await this.api()).notifications(this.session(who))).find(
    (n: Json) => n.messageId === id,
  );
  assert.equal(notification?.mention, true);
});

When(
  '{word} asks to be notified of {string} in {string}',
  async function (this: ParleyWorld, who: string, level: string, conversation: string) {
    const api = await this.api();
    this.record(await api.accounts.setNotifyLevel(this.session(who), this.conversation(conversation), level));
  },
);

When(/^(\w+) switches notifications (on|off)$/, async function (this: ParleyWorld, who: string, state: string) {
  const api = await this.api();
  this.expectOk(await api.accounts.notificationSettings(this.session(who), { enabled: state === 'on' }), 'switch');
});

When('{word} turns notification previews off', async function (this: ParleyWorld, who: string) {
  const api = await this.api();
  this.expectOk(await api.accounts.notificationSettings(this.session(who), { preview: false }), 'previews off');
});

/** One job notifies every recipient of a message: once the other person got theirs, this one's was decided too. */
Then(
  '{word} is notified of {string} but {word} is not',
  async function (this: ParleyWorld, notified: string, text: string, spared: string) {
    assert.deepEqual(await notifiedOf(this, notified, [text]), [text]);
    assert.deepEqual(await notifiedOf(this, spared, []), []);
  },
);

Then(
  "{word}'s notification of {string} says only that a message came",
  async function (this: ParleyWorld, who: string, text: string) {
    await notifiedOf(this, who, [text]);
    const id = this.message(text).id;
    const [notification] = (await (await this.api()).notifications(this.session(who))).filter(
      (n: Json) => n.messageId === id,
    );
    assert.deepEqual([notification?.title, notification?.body], ['Parley', 'New message']);
  },
);

Then("{word}'s notification settings are: on, without previews", async function (this: ParleyWorld, who: string) {
  const settings = this.expectOk(await (await this.api()).accounts.notificationSettings(this.session(who)), 'read');
  assert.deepEqual(settings, { enabled: true, preview: false });
});
