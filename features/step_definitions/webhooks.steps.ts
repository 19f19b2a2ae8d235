import assert from 'node:assert/strict';
import { After, Given, Then, When } from '@cucumber/cucumber';
import type { ParleyWorld } from '../support/world.js';
import { WebhookReceiver, type Received } from '../support/drivers/webhooks.js';

/** Each scenario's receiver, and the webhook it subscribed (one per scenario). */
const receivers = new WeakMap<ParleyWorld, WebhookReceiver>();
const webhookOf = new WeakMap<ParleyWorld, string>();

const receiver = (world: ParleyWorld) => {
  const found = receivers.get(world);
  assert.ok(found, 'no webhook receiver in this scenario');
  return found;
};

After(async function (this: ParleyWorld) {
  await receivers.get(this)?.stop();
});

Given('a webhook receiver', async function (this: ParleyWorld) {
  const made = new WebhookReceiver();
  await made.start();
  receivers.set(this, made);
});

async function subscribe(world: ParleyWorld, who: string, scope: Record<string, unknown>) {
  const made = world.record(
    await (await world.api()).webhooks.create(world.session(who), { url: receiver(world).url, ...scope }),
  );
  if (!made) return;
  receiver(world).secrets.push(made.secret);
  webhookOf.set(world, made.webhook.id);
}

When(
  /^(\w+) subscribe(?:s|d) the receiver to "([^"]+)"$/,
  async function (this: ParleyWorld, who: string, name: string) {
    await subscribe(this, who, { conversationIds: [this.conversation(name)] });
  },
);

When(
  /^(\w+) subscribe(?:s|d) the receiver to (?:the "([^"]+)" events of )?every group and channel$/,
  async function (this: ParleyWorld, who: string, type: string | null) {
    await subscribe(this, who, { platform: true, ...(type ? { eventTypes: [type] } : {}) });
  },
);

When('the receiver is away', function (this: ParleyWorld) {
  receiver(this).away = true;
});

When('the receiver is back', function (this: ParleyWorld) {
  receiver(this).away = false;
});

When('the webhooks deliver', async function (this: ParleyWorld) {
  await (await this.api()).webhooks.deliver();
});

When(/^(\w+) (pauses|resumes) the webhook$/, async function (this: ParleyWorld, who: string, verb: string) {
  const state = verb === 'pauses' ? 'paused' : 'active';
  this.record(await (await this.api()).webhooks.update(this.session(who), webhookOf.get(this)!, { state }));
});

When(
  '{word} replays the webhook from the event of {string}',
  async function (this: ParleyWorld, who: string, text: string) {
    const event = receiver(this).got.find((r) => r.type === 'message.created' && contentOf(r) === text);
    assert.ok(event, `the receiver never got "${text}"`);
    this.record(
      await (await this.api()).webhooks.replay(this.session(who), webhookOf.get(this)!, { from: event.eventSeq }),
    );
  },
);

const contentOf = (r: Received): string | undefined => (r.data.message as { content?: string } | undefined)?.content;

Then(
  /^the receiver got the messages? (.+) from "([^"]+)", in order, each signed$/,
  function (this: ParleyWorld, list: string, name: string) {
    const texts = [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
    const got = receiver(this).got.filter((r) => r.conversationId === this.conversation(name));
    assert.deepEqual(
      got.map((r) => [r.type, contentOf(r)]),
      texts.map((t) => ['message.created', t]),
    );
    assert.ok(
      got.every((r) => r.signed),
      'every delivery verifies with the secret',
    );
    const seqs = got.map((r) => r.eventSeq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'in eventSeq order',
    );
    assert.equal(new Set(got.map((r) => r.id)).size, got.length, 'each id once');
  },
);

Then('the receiver got nothing', function (this: ParleyWorld) {
  assert.deepEqual(receiver(this).got, []);
});

Then('the receiver got nothing from {string}', function (this: ParleyWorld, name: string) {
  assert.deepEqual(
    receiver(this).got.filter((r) => r.conversationId === this.conversation(name)),
    [],
  );
});

Then(
  'the receiver got {string} and {string} again, with the same ids',
  function (this: ParleyWorld, a: string, b: string) {
    const got = receiver(this).got.filter((r) => r.type === 'message.created');
    for (const text of [a, b]) {
      const copies = got.filter((r) => contentOf(r) === text);
      assert.equal(copies.length, 2, `"${text}" twice`);
      assert.equal(copies[0]!.id, copies[1]!.id, `"${text}" with its id`);
    }
    const replayed = got.slice(-2).map(contentOf);
    assert.deepEqual(replayed, [a, b], 'again, in order');
  },
);

Then(
  '{word} sees a failure of the webhook with status {int}',
  async function (this: ParleyWorld, who: string, status: number) {
    const failures = this.expectOk(
      await (await this.api()).webhooks.failures(this.session(who), webhookOf.get(this)!),
      'listing failures',
    );
    assert.ok(failures.length > 0, 'a failure is listed');
    assert.equal(failures[0]!.status, status);
  },
);
