import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { PASSWORD, usernameOf, type ParleyWorld } from '../support/world.js';
import type { Json } from '../support/drivers/driver.js';

// A device's session is kept under its name ("Ann's phone"); a person's first session under their name ("Ann").

async function signIn(world: ParleyWorld, name: string, device: string, platform: string, version: string) {
  const api = await world.api();
  return api.accounts.signInFrom(usernameOf(name), PASSWORD, { name: device, platform, clientVersion: version });
}

When(
  '{word} signs in on {string} running {string} version {string}',
  async function (this: ParleyWorld, name: string, device: string, platform: string, version: string) {
    const result = await signIn(this, name, device, platform, version);
    this.record(result);
    if (result.ok) this.sessions.set(device, result.value);
  },
);

Given(
  '{word} is signed in on {string} running {string} version {string}',
  async function (this: ParleyWorld, name: string, device: string, platform: string, version: string) {
    this.sessions.set(device, this.expectOk(await signIn(this, name, device, platform, version), 'signing in'));
  },
);

When(
  '{word} signs in on a device named {string} running {string} version {string}',
  async function (this: ParleyWorld, name: string, device: string, platform: string, version: string) {
    this.record(await signIn(this, name, device, platform, version));
  },
);

async function sessionsOf(world: ParleyWorld, holder: string): Promise<Json[]> {
  return world.expectOk(await (await world.api()).accounts.listSessions(world.session(holder)), 'listing sessions');
}

/** The id of the session `holder` ("Ann", "Ann's phone") signs in with, as that session listed it (remembered). */
async function idOf(world: ParleyWorld, holder: string): Promise<string> {
  const key = `session-id:${holder}`;
  if (!world.memory.has(key)) {
    const current = (await sessionsOf(world, holder)).filter((s) => s.current);
    assert.equal(current.length, 1, `${holder} lists exactly one current session`);
    world.memory.set(key, current[0].id);
  }
  return world.memory.get(key);
}

Then(/^(.+) lists (\d+) sessions?$/, async function (this: ParleyWorld, holder: string, count: string) {
  assert.equal((await sessionsOf(this, holder)).length, Number(count));
});

Then(
  /^the current session of (.+) is "(.*)" on "(.*)" version "(.*)"$/,
  async function (this: ParleyWorld, holder: string, device: string, platform: string, version: string) {
    const [current] = (await sessionsOf(this, holder)).filter((s) => s.current);
    assert.deepEqual([current?.name, current?.platform, current?.clientVersion], [device, platform, version]);
    assert.ok(current.ip, 'the address it signed in from is recorded');
    assert.ok(Date.parse(current.lastActiveAt) >= Date.parse(current.createdAt), 'last active since it began');
  },
);

Then(
  /^(\w+)'s own session names no device, and "(.*)" is among the others$/,
  async function (this: ParleyWorld, name: string, device: string) {
    const listed = await sessionsOf(this, name);
    assert.equal(listed.find((s) => s.current)?.name, null, 'signed up without naming a device');
    assert.deepEqual(
      listed.filter((s) => !s.current).map((s) => s.name),
      [device],
    );
  },
);

When(
  /^(\w+) (?:tries to end|ends) the session of (.+)$/,
  async function (this: ParleyWorld, actor: string, of: string) {
    const id = await idOf(this, of);
    this.record(await (await this.api()).accounts.endSession(this.session(actor), id));
  },
);

When(/^(\w+) ends (?:her|his) own session$/, async function (this: ParleyWorld, name: string) {
  const id = await idOf(this, name);
  this.record(await (await this.api()).accounts.endSession(this.session(name), id));
});

When(/^(\w+) ends every other session$/, async function (this: ParleyWorld, name: string) {
  this.record(await (await this.api()).accounts.endOtherSessions(this.session(name)));
});

Then('{int} sessions ended', function (this: ParleyWorld, count: number) {
  assert.ok(this.last.ok, 'ending the sessions failed');
  assert.equal(this.last.ok && this.last.value.ended, count);
});

Then(/^(.+) can no longer use (?:its|her|his) access token$/, async function (this: ParleyWorld, holder: string) {
  const result = await (await this.api()).me(this.session(holder));
  assert.ok(!result.ok, 'the access token still works');
  if (!result.ok) assert.deepEqual([result.error.type, result.error.code], ['Unauthenticated', 'session_revoked']);
});

Then(/^(.+) can no longer refresh its session$/, async function (this: ParleyWorld, holder: string) {
  const result = await (await this.api()).refresh(this.session(holder).refreshToken);
  assert.equal(result.ok, false, 'the refresh token still works');
});

Then(/^(.+)'s own session still works$/, async function (this: ParleyWorld, holder: string) {
  this.expectOk(await (await this.api()).me(this.session(holder)), `${holder} reading the profile`);
});
