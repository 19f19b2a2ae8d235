import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';
import { send } from './messages.steps.js';

When(
  '{word} sends {string} to {string} as markdown',
  async function (this: ParleyWorld, who: string, text: string, name: string) {
    await send(this, who, text, name, { parseMode: 'markdown' });
  },
);

Given('{word} muted {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.expectOk(await (await this.api()).mute(this.session(who), this.conversation(name), 'forever'), 'muting');
});

const lastMessage = (world: ParleyWorld): Json => {
  assert.ok(world.last.ok, 'the last step failed');
  return world.last.value;
};

Then('the message reads {string}', function (this: ParleyWorld, text: string) {
  assert.equal(lastMessage(this).content, text);
});

Then('the message has no entities', function (this: ParleyWorld) {
  assert.deepEqual(lastMessage(this).metadata.entities, []);
});

Then('the message has the entities {string}', function (this: ParleyWorld, expected: string) {
  const message = lastMessage(this);
  const names = new Map([...this.sessions].map(([name, s]) => [s.userId, name]));
  const described = message.metadata.entities.map((e: Json) => {
    const span = message.content.slice(e.offset, e.offset + e.length);
    return `${e.type} ${span}${e.userId ? ` -> ${names.get(e.userId)}` : ''}`;
  });
  assert.deepEqual(described, expected.split(', '));
});

Then(
  'the message has an entity {string} at offset {int} with length {int}',
  function (this: ParleyWorld, type: string, offset: number, length: number) {
    assert.ok(
      lastMessage(this).metadata.entities.some(
        (e: Json) => e.type === type && e.offset === offset && e.length === length,
      ),
      JSON.stringify(lastMessage(this).metadata.entities),
    );
  },
);
