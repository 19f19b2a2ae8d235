import { Before, Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ParleyWorld } from '../support/world.js';

const TYPES: Record<string, string> = {
  'not found': 'NotFound',
  forbidden: 'Forbidden',
  invalid: 'ValidationFailed',
  'a conflict': 'Conflict',
  unauthenticated: 'Unauthenticated',
  'rate limited': 'RateLimited',
  'feature disabled': 'FeatureDisabled',
};

Given('the users {names}', async function (this: ParleyWorld, names: string[]) {
  for (const name of names) await this.register(name);
});

Given('{word} has signed up', async function (this: ParleyWorld, name: string) {
  await this.register(name);
});

Given('a platform admin {word}', async function (this: ParleyWorld, name: string) {
  const root = await this.root();
  const user = await this.register(name);
  this.expectOk(await (await this.api()).staff.setUserRole(root, user.userId, 'admin'), 'promoting to admin');
});

Given('a moderator {word}', async function (this: ParleyWorld, name: string) {
  const root = await this.root();
  const user = await this.register(name);
  this.expectOk(await (await this.api()).staff.setUserRole(root, user.userId, 'moderator'), 'promoting to moderator');
});

// Configuration is fixed when the server starts, so scenarios ask for it with tags, applied before any step.
Before({ tags: '@member-limit-3' }, function (this: ParleyWorld) {
  this.config.groupMemberLimit = 3;
});

Before({ tags: '@send-rate-3' }, function (this: ParleyWorld) {
  this.config.sendRate = { limit: 3, windowMs: 60_000 };
});

When('{int} second(s) pass(es)', async function (this: ParleyWorld, seconds: number) {
  await (await this.api()).advanceTime(seconds * 1000);
  this.clockOffsetMs += seconds * 1000;
});

When('{int} hour(s) pass(es)', async function (this: ParleyWorld, hours: number) {
  await (await this.api()).advanceTime(hours * 3600 * 1000);
  this.clockOffsetMs += hours * 3600 * 1000;
  await this.refreshAll();
});

Then('it succeeds', function (this: ParleyWorld) {
  assert.ok(this.last.ok, this.last.ok ? '' : `expected success, got ${this.last.error.type} ${this.last.error.code}`);
});

Then('it fails as {string}', function (this: ParleyWorld, kind: string) {
  assert.ok(TYPES[kind], `unknown failure kind ${kind}`);
  assert.equal(this.last.ok, false, `expected ${kind}, but it succeeded`);
  if (!this.last.ok) assert.equal(this.last.error.type, TYPES[kind]);
});

Then('it fails as {string} with code {string}', function (this: ParleyWorld, kind: string, code: string) {
  assert.equal(this.last.ok, false, `expected ${kind}, but it succeeded`);
  if (!this.last.ok) assert.deepEqual([this.last.error.type, this.last.error.code], [TYPES[kind], code]);
});
