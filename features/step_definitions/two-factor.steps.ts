import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import { generate } from 'otplib';
import { PASSWORD, usernameOf, type ParleyWorld } from '../support/world.js';
import type { Session } from '../support/drivers/driver.js';

// What a person's authenticator app and paper hold, per scenario: the secret, the recovery codes, the last answer.

/** The code Ann's app shows now, by the server's clock. */
async function appCode(world: ParleyWorld): Promise<string> {
  const secret: string = world.memory.get('2fa:secret');
  assert.ok(secret, 'two-factor sign-in was not set up');
  const epoch = Math.floor((await world.api()).accounts.serverTime().getTime() / 1000);
  return generate({ secret, epoch });
}

async function setUp(world: ParleyWorld, name: string, password: string) {
  const result = await (await world.api()).accounts.setUpTwoFactor(world.session(name), password);
  world.record(result);
  if (result.ok) world.memory.set('2fa:setup', result.value);
  if (result.ok) world.memory.set('2fa:secret', result.value.secret);
}

When(/^(\w+) sets up two-factor sign-in with (?:her|his) password$/, async function (this: ParleyWorld, name: string) {
  await setUp(this, name, PASSWORD);
});

When(
  '{word} sets up two-factor sign-in with the password {string}',
  async function (this: ParleyWorld, name: string, password: string) {
    await setUp(this, name, password);
  },
);

Then('she/he gets a secret and an otpauth URI for her/his authenticator app', function (this: ParleyWorld) {
  const setup = this.memory.get('2fa:setup');
  assert.match(setup.secret, /^[A-Z2-7]{32}$/);
  assert.ok(setup.otpauthUri.startsWith('otpauth://totp/'), setup.otpauthUri);
  assert.ok(setup.otpauthUri.includes(`secret=${setup.secret}`));
});

When(/^(\w+) turns it on with a code from (?:her|his) app$/, async function (this: ParleyWorld, name: string) {
  const result = await (await this.api()).accounts.enableTwoFactor(this.session(name), await appCode(this));
  this.record(result);
  if (result.ok) this.memory.set('2fa:recovery', result.value.recoveryCodes);
});

Then('she/he gets {int} recovery codes', function (this: ParleyWorld, count: number) {
  const codes: string[] = this.memory.get('2fa:recovery');
  assert.equal(codes.length, count);
  assert.equal(new Set(codes).size, count, 'all different');
});

Given('{word} has two-factor sign-in on', async function (this: ParleyWorld, name: string) {
  await setUp(this, name, PASSWORD);
  const api = await this.api();
  const enabled = this.expectOk(await api.accounts.enableTwoFactor(this.session(name), await appCode(this)), 'on');
  this.memory.set('2fa:recovery', enabled.recoveryCodes);
  // The code that turned it on is spent: the next one is a step later.
  await api.advanceTime(30_000);
  this.clockOffsetMs += 30_000;
});

Then(
  /^two-factor sign-in is (on|off) for (\w+)(?: with (\d+) recovery codes left)?$/,
  async function (this: ParleyWorld, state: string, name: string, left?: string) {
    const status = this.expectOk(await (await this.api()).accounts.twoFactorStatus(this.session(name)), 'status');
    assert.equal(status.enabled, state === 'on');
    if (left !== undefined) assert.equal(status.recoveryCodesLeft, Number(left));
  },
);

When(/^(\w+) signs in with (?:her|his) password$/, async function (this: ParleyWorld, name: string) {
  const result = await (await this.api()).login(usernameOf(name), PASSWORD);
  this.record(result);
  this.memory.set('2fa:who', name);
  if (result.ok && result.value.challenge) this.memory.set('2fa:challenge', result.value.challenge);
  else if (result.ok) this.memory.set('2fa:signed-in', result.value);
});

Then('she/he is asked for a code, with no session yet', function (this: ParleyWorld) {
  assert.ok(this.last.ok, 'the password step failed');
  const session = this.last.value as Session;
  assert.ok(session.challenge, 'a challenge');
  assert.equal(session.accessToken, '', 'no access token');
  assert.equal(session.refreshToken, '', 'no refresh token');
});

async function answer(world: ParleyWorld, second: { code?: string; recoveryCode?: string }) {
  const challenge: string = world.memory.get('2fa:challenge');
  assert.ok(challenge, 'no sign-in is waiting for its second step');
  const result = await (await world.api()).accounts.verifyTwoFactor({ challenge, ...second });
  world.record(result);
  world.memory.set('2fa:answer', second);
  if (result.ok) world.memory.set('2fa:signed-in', result.value);
}

When('she/he answers with the code {string}', async function (this: ParleyWorld, code: string) {
  await answer(this, { code });
});

When('she/he answers with a code from her/his app', async function (this: ParleyWorld) {
  await answer(this, { code: await appCode(this) });
});

When('she/he answers with the same code again', async function (this: ParleyWorld) {
  await answer(this, this.memory.get('2fa:answer'));
});

When('she/he answers with an old recovery code', async function (this: ParleyWorld) {
  await answer(this, { recoveryCode: this.memory.get('2fa:old-recovery')[1] });
});

Given(/^(\w+) signed in once with a recovery code$/, async function (this: ParleyWorld, name: string) {
  const api = await this.api();
  const signIn = this.expectOk(await api.accounts.signInFrom(usernameOf(name), PASSWORD, {}), 'password');
  const codes: string[] = this.memory.get('2fa:recovery');
  this.expectOk(
    await api.accounts.verifyTwoFactor({ challenge: signIn.challenge!, recoveryCode: codes[0] }),
    'recovery code',
  );
});

When(
  /^(\w+) asks for new recovery codes with (?:her|his) password and (?:the code "([^"]*)"|a code from \w+ app)$/,
  async function (this: ParleyWorld, name: string, code?: string) {
    const body = { password: PASSWORD, code: code ?? (await appCode(this)) };
    const result = await (await this.api()).accounts.renewRecoveryCodes(this.session(name), body);
    this.record(result);
    if (result.ok) {
      this.memory.set('2fa:old-recovery', this.memory.get('2fa:recovery'));
      this.memory.set('2fa:recovery', result.value.recoveryCodes);
    }
  },
);

When('she/he answers with a recovery code', async function (this: ParleyWorld) {
  await answer(this, { recoveryCode: this.memory.get('2fa:recovery')[0] });
});

When('she/he answers with the same recovery code', async function (this: ParleyWorld) {
  await answer(this, this.memory.get('2fa:answer'));
});

Then('she/he is signed in', async function (this: ParleyWorld) {
  assert.ok(this.last.ok, this.last.ok ? '' : `expected a session, got ${this.last.error.code}`);
  const session = this.last.value as Session;
  assert.ok(session.accessToken && session.refreshToken, 'tokens');
  const name: string = this.memory.get('2fa:who');
  this.sessions.set(name, session);
  this.expectOk(await (await this.api()).me(session), 'the new session works');
});

Then('the challenge works neither as an access token nor as a refresh token', async function (this: ParleyWorld) {
  const challenge: string = this.memory.get('2fa:challenge');
  const api = await this.api();
  const asAccess = await api.me({ userId: '', accessToken: challenge, refreshToken: '' });
  assert.equal(asAccess.ok, false, 'used as an access token');
  const asRefresh = await api.refresh(challenge);
  assert.equal(asRefresh.ok, false, 'used as a refresh token');
});

When(
  /^(\w+) turns two-factor sign-in off with (?:her|his) password and (?:the code "([^"]*)"|a code from \w+ app)$/,
  async function (this: ParleyWorld, name: string, code?: string) {
    const body = { password: PASSWORD, code: code ?? (await appCode(this)) };
    this.record(await (await this.api()).accounts.disableTwoFactor(this.session(name), body));
  },
);
