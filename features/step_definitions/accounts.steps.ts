import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { ADMIN_EMAIL, PASSWORD, usernameOf, type ParleyWorld } from '../support/world.js';

When(
  '{word} signs up with email {string} and username {string}',
  async function (this: ParleyWorld, name: string, email: string, username: string) {
    const result = await (await this.api()).register({ email, username, password: PASSWORD, displayName: name });
    this.record(result);
    if (result.ok) this.sessions.set(name, result.value);
  },
);

When(
  'someone signs up with email {string}, username {string} and password {string}',
  async function (this: ParleyWorld, email: string, username: string, password: string) {
    this.record(await (await this.api()).register({ email, username, password }));
  },
);

Then('the problem is with {string}', function (this: ParleyWorld, field: string) {
  assert.ok(!this.last.ok, 'expected a validation failure');
  if (!this.last.ok)
    assert.ok(this.last.error.fields?.includes(field), `fields: ${this.last.error.fields?.join(', ')}`);
});

When('{word} signs in as {string}', async function (this: ParleyWorld, name: string, login: string) {
  const result = await (await this.api()).login(login, PASSWORD);
  this.record(result);
  if (result.ok) this.sessions.set(name, result.value);
});

When(
  '{word} signs in as {string} with password {string}',
  async function (this: ParleyWorld, _name: string, login: string, password: string) {
    this.record(await (await this.api()).login(login, password));
  },
);

Then(
  "{word}'s profile shows the display name {string}",
  async function (this: ParleyWorld, name: string, displayName: string) {
    const me = this.expectOk(await (await this.api()).me(this.session(name)), 'reading the profile');
    assert.equal(me.displayName, displayName);
  },
);

async function refresh(world: ParleyWorld, name: string) {
  const old = world.session(name);
  const result = await (await world.api()).refresh(old.refreshToken);
  world.record(result);
  world.memory.set(`${name}:old-refresh`, old.refreshToken);
  if (result.ok) world.sessions.set(name, result.value);
}

When('{word} refreshes her/his session', async function (this: ParleyWorld, name: string) {
  await refresh(this, name);
});

Given('{word} has refreshed her/his session once', async function (this: ParleyWorld, name: string) {
  await refresh(this, name);
  assert.ok(this.last.ok);
});

Then("{word}'s new refresh token differs from the old one", function (this: ParleyWorld, name: string) {
  assert.notEqual(this.session(name).refreshToken, this.memory.get(`${name}:old-refresh`));
});

Then('{word} can refresh again with the new token', async function (this: ParleyWorld, name: string) {
  await refresh(this, name);
  assert.ok(this.last.ok, 'second refresh failed');
});

When("someone replays {word}'s first refresh token", async function (this: ParleyWorld, name: string) {
  this.record(await (await this.api()).refresh(this.memory.get(`${name}:old-refresh`)));
});

Then("{word}'s current refresh token no longer works either", async function (this: ParleyWorld, name: string) {
  const result = await (await this.api()).refresh(this.session(name).refreshToken);
  assert.equal(result.ok, false, 'the family should be revoked');
});

Then(
  "{word}'s access token is refused with code {string}",
  async function (this: ParleyWorld, name: string, code: string) {
    const result = await (await this.api()).me(this.session(name));
    assert.equal(result.ok, false, 'the access token should no longer work');
    if (!result.ok) assert.deepEqual([result.error.type, result.error.code], ['Unauthenticated', code]);
  },
);

When('{word} signs out', async function (this: ParleyWorld, name: string) {
  this.expectOk(await (await this.api()).logout(this.session(name)), 'signing out');
});

When('the admin address signs up', async function (this: ParleyWorld) {
  await this.register('Boss', ADMIN_EMAIL);
});

Then('that account has the platform role {string}', async function (this: ParleyWorld, role: string) {
  const me = this.expectOk(await (await this.api()).me(this.session('Boss')), 'reading the profile');
  assert.equal(me.role, role);
});

When('{word} searches people for {string}', async function (this: ParleyWorld, name: string, q: string) {
  this.memory.set(
    'people',
    this.expectOk(await (await this.api()).searchUsers(this.session(name), q), 'searching people'),
  );
});

Then('the people found are {names}', function (this: ParleyWorld, names: string[]) {
  const found = (this.memory.get('people') as { displayName: string }[]).map((u) => u.displayName).sort();
  assert.deepEqual(found, [...names].sort());
});

When(
  '{word} changes her/his display name to {string} and bio to {string}',
  async function (this: ParleyWorld, name: string, displayName: string, bio: string) {
    const s = this.session(name);
    this.record(await (await this.api()).updateProfile(s, s.userId, { displayName, bio }));
  },
);

When(
  "{word} changes {word}'s display name to {string}",
  async function (this: ParleyWorld, name: string, other: string, displayName: string) {
    this.record(await (await this.api()).updateProfile(this.session(name), this.userId(other), { displayName }));
  },
);

When('{word} signs in on another device', async function (this: ParleyWorld, name: string) {
  this.memory.set(
    `${name}:other-device`,
    this.expectOk(await (await this.api()).login(usernameOf(name), PASSWORD), 'signing in again'),
  );
});

When(
  '{word} changes her/his password from {string} to {string}',
  async function (this: ParleyWorld, name: string, from: string, to: string) {
    this.record(
      await (await this.api()).changePassword(this.session(name), from === 'the current one' ? PASSWORD : from, to),
    );
  },
);

Then("{word}'s other device is signed out", async function (this: ParleyWorld, name: string) {
  const result = await (await this.api()).me(this.memory.get(`${name}:other-device`));
  assert.equal(result.ok, false, 'the other device should be signed out');
  if (!result.ok) assert.equal(result.error.code, 'session_revoked');
});

Then('{word} is still signed in here', async function (this: ParleyWorld, name: string) {
  this.expectOk(await (await this.api()).me(this.session(name)), 'reading the profile');
});

Then(
  '{word} signs in with {string} but not with the old password',
  async function (this: ParleyWorld, name: string, password: string) {
    const api = await this.api();
    this.expectOk(await api.login(usernameOf(name), password), 'signing in with the new password');
    assert.equal((await api.login(usernameOf(name), PASSWORD)).ok, false, 'the old password still works');
  },
);
