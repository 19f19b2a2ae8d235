import { Before, Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { AccountMail } from '@parley/core';
import { PASSWORD, usernameOf, type ParleyWorld } from '../support/world.js';

Before({ tags: '@email-verification-required' }, function (this: ParleyWorld) {
  this.config.requireEmailVerification = true;
});

const mailsTo = async (world: ParleyWorld, to: string, kind?: AccountMail['kind']) =>
  (await world.api()).accounts.mails().filter((m) => m.to === to && (!kind || m.kind === kind));

/** The links e-mailed in this scenario, oldest first: "the link" is the latest. */
const links = (world: ParleyWorld): string[] => world.memory.get('links') ?? [];

async function askReset(world: ParleyWorld, email: string) {
  world.record(await (await world.api()).accounts.requestPasswordReset(email));
  const sent = await mailsTo(world, email, 'password_reset');
  if (sent.length > 0) world.memory.set('links', [...links(world), sent.at(-1)!.token]);
}

When('someone asks to reset the password of {string}', async function (this: ParleyWorld, email: string) {
  await askReset(this, email);
});

Given('someone asked to reset the password of {string}', async function (this: ParleyWorld, email: string) {
  await askReset(this, email);
  assert.ok(this.last.ok, 'asking for a reset failed');
});

Then(
  /^an? (password reset|address verification) link was e-mailed to "(.*)"$/,
  async function (this: ParleyWorld, what: string, email: string) {
    const kind = what === 'password reset' ? 'password_reset' : 'email_verification';
    const sent = await mailsTo(this, email, kind);
    assert.ok(sent.length > 0, `no ${what} e-mail to ${email}`);
    assert.ok(sent.at(-1)!.token.length >= 32, 'the link carries a long random secret');
    assert.ok(sent.at(-1)!.expiresAt.getTime() > Date.now(), 'it has not expired yet');
  },
);

Then('nothing was e-mailed to {string}', async function (this: ParleyWorld, email: string) {
  assert.deepEqual(await mailsTo(this, email), []);
});

async function follow(world: ParleyWorld, token: string, password: string) {
  world.record(await (await world.api()).accounts.resetPassword(token, password));
}

When(
  /^the (link|latest link|first link) (?:is|was) followed with the new password "(.*)"$/,
  async function (this: ParleyWorld, which: string, password: string) {
    const all = links(this);
    const token = which === 'first link' ? all[0] : all.at(-1);
    assert.ok(token, 'no link was e-mailed');
    await follow(this, token, password);
  },
);

When('a made-up link is followed with the new password {string}', async function (this: ParleyWorld, pw: string) {
  await follow(this, 'made-up-but-long-enough-to-look-like-a-real-link-secret', pw);
});

Then(
  '{word} can sign in with {string} but not with the old password',
  async function (this: ParleyWorld, name: string, password: string) {
    const api = await this.api();
    this.sessions.set(name, this.expectOk(await api.login(usernameOf(name), password), 'signing in anew'));
    const old = await api.login(usernameOf(name), PASSWORD);
    assert.deepEqual(old.ok ? 'signed in' : old.error.code, 'invalid_credentials');
  },
);

Then("{word}'s address is verified", async function (this: ParleyWorld, name: string) {
  const me = this.expectOk(await (await this.api()).me(this.session(name)), 'reading the profile');
  assert.ok(me.emailVerifiedAt, 'emailVerifiedAt is set');
});

When('someone asks to verify the address {string}', async function (this: ParleyWorld, email: string) {
  this.record(await (await this.api()).accounts.requestEmailVerification(email));
});

When('the verification link is followed', async function (this: ParleyWorld) {
  const sent = (await this.api()).accounts.mails().filter((m) => m.kind === 'email_verification');
  assert.ok(sent.length > 0, 'no verification e-mail was sent');
  this.record(await (await this.api()).accounts.verifyEmail(sent.at(-1)!.token));
});

When('{word} signs up with {string}', async function (this: ParleyWorld, name: string, email: string) {
  const api = await this.api();
  this.record(await api.accounts.signUp({ email, username: usernameOf(name), password: PASSWORD }));
});

Then('{word} is told to verify the address first, with no session', function (this: ParleyWorld, name: string) {
  assert.ok(this.last.ok, 'signing up failed');
  const value = this.last.ok ? this.last.value : {};
  assert.equal(value.verificationRequired, true);
  assert.equal(value.user?.username, usernameOf(name));
  assert.equal(value.accessToken, undefined, 'no tokens before verification');
});

When('{word} signs in', async function (this: ParleyWorld, name: string) {
  const result = await (await this.api()).login(usernameOf(name), PASSWORD);
  this.record(result);
  if (result.ok) this.sessions.set(name, result.value);
});
