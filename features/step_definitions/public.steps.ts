import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

When(
  '{word} sets the username of {string} to {string}',
  async function (this: ParleyWorld, who: string, name: string, username: string) {
    this.record(await (await this.api()).updateConversation(this.session(who), this.conversation(name), { username }));
  },
);

Given(
  '{word} set the username of {string} to {string}',
  async function (this: ParleyWorld, who: string, name: string, username: string) {
    this.expectOk(
      await (await this.api()).updateConversation(this.session(who), this.conversation(name), { username }),
      'setting the username',
    );
  },
);

When('{word} sets the username of {string} to nothing', async function (this: ParleyWorld, who: string, name: string) {
  this.record(
    await (await this.api()).updateConversation(this.session(who), this.conversation(name), { username: null }),
  );
});

When('{word} searches public conversations for {string}', async function (this: ParleyWorld, who: string, q: string) {
  this.record(await (await this.api()).searchPublicConversations(this.session(who), q));
});

When('{word} looks up the public username {string}', async function (this: ParleyWorld, who: string, username: string) {
  this.record(await (await this.api()).findPublicConversation(this.session(who), username));
});

Then('she/he finds {string} with {int} members', function (this: ParleyWorld, name: string, members: number) {
  assert.ok(this.last.ok, 'the search failed');
  assert.deepEqual(
    this.last.value.map((c: Json) => [c.name, c.memberCount, c.joined]),
    [[name, members, false]],
  );
});

Then('she/he finds nothing', function (this: ParleyWorld) {
  assert.ok(this.last.ok, 'the search failed');
  assert.deepEqual(this.last.value, []);
});

When('{word} joins {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).joinConversation(this.session(who), this.conversation(name)));
});
