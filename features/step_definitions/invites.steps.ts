import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

const codeOf = (world: ParleyWorld, label: string): string => world.memory.get(`invite:${label}`) ?? label;

async function createLink(world: ParleyWorld, who: string, label: string, name: string, options: Json = {}) {
  const link = world.expectOk(
    await (await world.api()).createInvite(world.session(who), world.conversation(name), { name: label, ...options }),
    'creating the invite link',
  );
  world.memory.set(`invite:${label}`, link.code);
  world.memory.set(`invite-of:${label}`, { creator: who, conversationId: link.conversationId });
}

/** Who created the link, and where: steps about a link act as its creator unless they name someone. */
const linkOf = (world: ParleyWorld, label: string): { creator: string; conversationId: string } => {
  const found = world.memory.get(`invite-of:${label}`);
  assert.ok(found, `no invite link "${label}" was created`);
  return found;
};

Given(
  '{word} created the invite link {string} to {string}',
  async function (this: ParleyWorld, who: string, label: string, name: string) {
    await createLink(this, who, label, name);
  },
);

Given(
  '{word} created the invite link {string} to {string} for {int} person/people',
  async function (this: ParleyWorld, who: string, label: string, name: string, limit: number) {
    await createLink(this, who, label, name, { usageLimit: limit });
  },
);

Given(
  '{word} created the invite link {string} to {string} expiring in {int} hour(s)',
  async function (this: ParleyWorld, who: string, label: string, name: string, hours: number) {
    // Links are created before any time is fast-forwarded, so the server's clock still reads real time.
    await createLink(this, who, label, name, { expiresAt: new Date(Date.now() + hours * 3600_000).toISOString() });
  },
);

Given(
  '{word} created the invite link {string} to {string} with approval',
  async function (this: ParleyWorld, who: string, label: string, name: string) {
    await createLink(this, who, label, name, { requiresApproval: true });
  },
);

When('{word} creates an invite link to {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).createInvite(this.session(who), this.conversation(name), {}));
});

When('{word} looks at the invite link {string}', async function (this: ParleyWorld, who: string, label: string) {
  this.record(await (await this.api()).previewInvite(this.session(who), codeOf(this, label)));
});

Then('the invite leads to {string} with {int} members', function (this: ParleyWorld, name: string, members: number) {
  assert.ok(this.last.ok);
  assert.deepEqual(
    [this.last.value.conversation.name, this.last.value.conversation.memberCount, this.last.value.state],
    [name, members, 'active'],
  );
});

When('{word} joins through the invite link {string}', async function (this: ParleyWorld, who: string, label: string) {
  this.record(await (await this.api()).joinByInvite(this.session(who), codeOf(this, label)));
});

Given('{word} joined through the invite link {string}', async function (this: ParleyWorld, who: string, label: string) {
  this.expectOk(await (await this.api()).joinByInvite(this.session(who), codeOf(this, label)), 'joining');
});

Then('the join is requested', function (this: ParleyWorld) {
  assert.ok(this.last.ok, 'the join failed');
  assert.deepEqual(this.last.value, { status: 'requested', participant: null });
});

When('{word} revokes the invite link {string}', async function (this: ParleyWorld, who: string, label: string) {
  this.record(
    await (await this.api()).revokeInvite(this.session(who), linkOf(this, label).conversationId, codeOf(this, label)),
  );
});

Then(
  'the invite link {string} was used by {names}',
  async function (this: ParleyWorld, label: string, names: string[]) {
    const { creator, conversationId } = linkOf(this, label);
    const uses = this.expectOk(
      await (await this.api()).inviteUses(this.session(creator), conversationId, codeOf(this, label)),
      'listing the uses',
    );
    assert.deepEqual(
      uses.map((u: Json) => u.userId),
      names.map((n) => this.userId(n)),
    );
  },
);

Then(
  'the invite link {string} reads {string} in the list of {string}',
  async function (this: ParleyWorld, label: string, state: string, name: string) {
    const links = this.expectOk(
      await (await this.api()).listInvites(this.session(linkOf(this, label).creator), this.conversation(name)),
      'listing links',
    );
    assert.equal(links.find((l: Json) => l.code === codeOf(this, label))?.state, state);
  },
);

Then(
  '{word} sees join requests from {names} for {string}',
  async function (this: ParleyWorld, who: string, names: string[], name: string) {
    const requests = this.expectOk(
      await (await this.api()).joinRequests(this.session(who), this.conversation(name)),
      'listing requests',
    );
    assert.deepEqual(
      requests.map((r: Json) => r.userId),
      names.map((n) => this.userId(n)),
    );
  },
);

Then('{word} sees no join requests for {string}', async function (this: ParleyWorld, who: string, name: string) {
  assert.deepEqual(
    this.expectOk(
      await (await this.api()).joinRequests(this.session(who), this.conversation(name)),
      'listing requests',
    ),
    [],
  );
});

When(
  '{word} approves the join request of {word} to {string}',
  async function (this: ParleyWorld, who: string, target: string, name: string) {
    this.record(
      await (await this.api()).decideJoinRequest(this.session(who), this.conversation(name), this.userId(target), true),
    );
  },
);

When(
  '{word} declines the join request of {word} to {string}',
  async function (this: ParleyWorld, who: string, target: string, name: string) {
    this.record(
      await (
        await this.api()
      ).decideJoinRequest(this.session(who), this.conversation(name), this.userId(target), false),
    );
  },
);

When(
  '{word} lists the invite links of {string} as a moderator',
  async function (this: ParleyWorld, who: string, name: string) {
    this.record(await (await this.api()).moderatorListInvites(this.session(who), this.conversation(name)));
  },
);

When(
  '{word} revokes the invite link {string} of {string} because {string}',
  async function (this: ParleyWorld, who: string, label: string, name: string, reason: string) {
    this.record(
      await (
        await this.api()
      ).moderatorRevokeInvite(this.session(who), this.conversation(name), codeOf(this, label), reason),
    );
  },
);

Then(
  'the audit log shows {string} of the invite link {string} by {word} with reason {string}',
  async function (this: ParleyWorld, action: string, label: string, who: string, reason: string) {
    const log = this.expectOk(
      await (await this.api()).staff.auditLog(await this.root(), codeOf(this, label)),
      'reading the audit log',
    );
    assert.deepEqual(
      log.map((e: Json) => [e.action, e.actorId, e.reason]),
      [[action, this.userId(who), reason]],
    );
  },
);
