import assert from 'node:assert/strict';
import { Then, When } from '@cucumber/cucumber';
import type { ParleyWorld } from '../support/world.js';
import type { Json } from '../support/drivers/driver.js';

/** Bans and member restrictions in groups and channels (features/conversation-bans.feature, restrictions.feature). */

const self = (who: string, whom: string) => (whom === 'himself' || whom === 'herself' ? who : whom);
const hoursFromNow = (world: ParleyWorld, hours: number) =>
  new Date(world.serverNow().getTime() + hours * 3600_000).toISOString();

async function ban(world: ParleyWorld, who: string, whom: string, name: string, until?: string) {
  world.record(
    await (
      await world.api()
    ).safety.ban(world.session(who), world.conversation(name), world.userId(self(who, whom)), {
      ...(until ? { until } : {}),
    }),
  );
}

When('{word} bans {word} from {string}', async function (this: ParleyWorld, who: string, whom: string, name: string) {
  await ban(this, who, whom, name);
});

When(
  '{word} bans {word} from {string} for {int} hour(s)',
  async function (this: ParleyWorld, who: string, whom: string, name: string, hours: number) {
    await ban(this, who, whom, name, hoursFromNow(this, hours));
  },
);

When(
  '{word} bans {word} from {string} until an hour ago',
  async function (this: ParleyWorld, who: string, whom: string, name: string) {
    await ban(this, who, whom, name, hoursFromNow(this, -1));
  },
);

When('{word} unbans {word} from {string}', async function (this: ParleyWorld, who: string, whom: string, name: string) {
  const result = await (await this.api()).safety.unban(this.session(who), this.conversation(name), this.userId(whom));
  this.record(result);
  assert.ok(result.ok, 'lifting the ban succeeds');
});

When('{word} lists the bans of {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).safety.listBans(this.session(who), this.conversation(name)));
});

Then('the people banned from {string} are {names}', async function (this: ParleyWorld, name: string, names: string[]) {
  const owner = this.session('Ann');
  const bans = this.expectOk(await (await this.api()).safety.listBans(owner, this.conversation(name)), 'listing');
  assert.deepEqual(
    bans.map((b: Json) => b.userId),
    names.map((n) => this.userId(n)).sort(),
    'by user id',
  );
  for (const b of bans) assert.equal(b.bannedBy, this.userId('Ann'));
});

Then(
  '{word} learns that he/she was banned from {string}',
  async function (this: ParleyWorld, who: string, name: string) {
    const id = this.conversation(name);
    const end = Date.now() + 3000;
    let left: Json | undefined;
    while (!left && Date.now() < end) {
      const events = (await (await this.api()).received(this.session(who))) as Json[];
      left = events.find((e) => e.type === 'conversation.left' && e.conversationId === id);
      if (!left) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(left, `${who} was not told`);
    assert.deepEqual([left.reason, left.until], ['banned', null]);
  },
);

async function restrict(world: ParleyWorld, who: string, whom: string, name: string, deny: string[], hours?: number) {
  world.record(
    await (
      await world.api()
    ).safety.restrict(world.session(who), world.conversation(name), world.userId(whom), {
      deny,
      ...(hours ? { until: hoursFromNow(world, hours) } : {}),
    }),
  );
}

const list = (words: string) => words.split(/,\s*|\s+and\s+/).filter(Boolean);

When(
  '{word} restricts {word} in {string} from {}',
  async function (this: ParleyWorld, who: string, whom: string, name: string, what: string) {
    const timed = /^(.*) for (\d+) hours?$/.exec(what);
    await restrict(this, who, whom, name, list(timed ? timed[1]! : what), timed ? Number(timed[2]) : undefined);
  },
);

When(
  '{word} lifts the restrictions on {word} in {string}',
  async function (this: ParleyWorld, who: string, whom: string, name: string) {
    await restrict(this, who, whom, name, []);
    assert.ok(this.last.ok, 'lifting succeeds');
  },
);

Then(
  '{word} sees in the member list of {string} that he/she may not send {} for {int} hour(s)',
  async function (this: ParleyWorld, who: string, name: string, what: string, hours: number) {
    const members = this.expectOk(
      await (await this.api()).listParticipants(this.session(who), this.conversation(name)),
      'listing members',
    );
    const row = members.find((m: Json) => m.userId === this.userId(who));
    assert.deepEqual(row.restrictions.deny, list(what));
    const left = new Date(row.restrictions.until).getTime() - this.serverNow().getTime();
    assert.ok(Math.abs(left - hours * 3600_000) < 60_000, `until is ${row.restrictions.until}`);
    assert.equal(row.restrictions.by, this.userId('Ann'));
  },
);

When(
  '{word} sets his/her privacy {string} to {string}',
  async function (this: ParleyWorld, who: string, setting: string, audience: string) {
    this.record(await (await this.api()).safety.setPrivacy(this.session(who), { [setting]: { audience } }));
  },
);

When(
  /^(\w+) (allows|denies) (\w+) in (?:his|her) privacy "(\w+)"$/,
  async function (this: ParleyWorld, who: string, verb: string, whom: string, setting: string) {
    const api = (await this.api()).safety;
    const current = this.expectOk(await api.privacy(this.session(who)), 'reading privacy')[setting];
    const list = verb === 'allows' ? 'allow' : 'deny';
    this.expectOk(
      await api.setPrivacy(this.session(who), { [setting]: { [list]: [...current[list], this.userId(whom)] } }),
      'changing privacy',
    );
  },
);

Then(
  /^(\w+)'s privacy "(\w+)" is "(\w+)" (?:with no exceptions|denying (\w+))$/,
  async function (this: ParleyWorld, who: string, setting: string, audience: string, denied?: string) {
    const privacy = this.expectOk(await (await this.api()).safety.privacy(this.session(who)), 'reading privacy');
    assert.deepEqual(privacy[setting], { audience, allow: [], deny: denied ? [this.userId(denied)] : [] });
  },
);

const rightsIn = (words: string) => words.split(/,\s*/).filter(Boolean);

async function setRights(world: ParleyWorld, who: string, whom: string, name: string, body: Json) {
  return (await world.api()).safety.setRights(world.session(who), world.conversation(name), world.userId(whom), body);
}

When(
  /^(\w+) (?:made|makes) (\w+) an admin of "([^"]+)" with the rights "([^"]*)"$/,
  async function (this: ParleyWorld, who: string, whom: string, name: string, rights: string) {
    this.record(await setRights(this, who, whom, name, { role: 'admin', rights: rightsIn(rights) }));
  },
);

When(
  '{word} gives {word} the rights {string} in {string}',
  async function (this: ParleyWorld, who: string, whom: string, rights: string, name: string) {
    this.expectOk(await setRights(this, who, whom, name, { rights: rightsIn(rights) }), 'setting rights');
  },
);

When(
  '{word} makes {word} a member of {string}',
  async function (this: ParleyWorld, who: string, whom: string, name: string) {
    this.record(await setRights(this, who, whom, name, { role: 'member' }));
  },
);

Then(
  /^(\w+) holds (?:the rights "([^"]*)"|the default rights) in "([^"]+)"$/,
  async function (this: ParleyWorld, who: string, rights: string | undefined, name: string) {
    const members = this.expectOk(
      await (await this.api()).listParticipants(this.session('Ann'), this.conversation(name)),
      'listing members',
    );
    const row = members.find((m: Json) => m.userId === this.userId(who));
    assert.equal(row.role, 'admin');
    assert.deepEqual(row.rights ?? null, rights ? rightsIn(rights) : null);
  },
);

When(
  /^(\w+) sets the members' permission "(\w+)" in "([^"]+)" to (true|false)$/,
  async function (this: ParleyWorld, who: string, permission: string, name: string, value: string) {
    this.record(
      await (
        await this.api()
      ).updateConversation(this.session(who), this.conversation(name), {
        settings: { permissions: { [permission]: value === 'true' } },
      }),
    );
  },
);

When(
  '{word} bans {word} for {int} days because {string}',
  async function (this: ParleyWorld, who: string, whom: string, days: number, reason: string) {
    const until = new Date(this.serverNow().getTime() + days * 86_400_000).toISOString();
    this.record(await (await this.api()).staff.banUntil(this.session(who), this.userId(whom), reason, until));
  },
);

When('{word} finds users by {string}', async function (this: ParleyWorld, who: string, q: string) {
  const result = await (await this.api()).staff.findUsers(this.session(who), q);
  this.record(result);
  if (result.ok) this.memory.set('users-found', result.value);
});

Then('the users found are {names}', function (this: ParleyWorld, names: string[]) {
  assert.deepEqual(
    (this.memory.get('users-found') as Json[]).map((u) => u.id),
    names.map((n) => this.userId(n)),
  );
});

When(
  /^(\w+) (shuts|reopens|deletes) "([^"]+)" because "([^"]+)"$/,
  async function (this: ParleyWorld, who: string, verb: string, name: string, reason: string) {
    const verdict = ({ shuts: 'shut', reopens: 'reopen', deletes: 'delete' } as const)[verb as 'shuts'];
    this.record(
      await (await this.api()).staff.moderateConversation(this.session(who), this.conversation(name), verdict, reason),
    );
  },
);

Then(
  'the audit log shows the conversation {string} {string}',
  async function (this: ParleyWorld, name: string, actions: string) {
    const admin = await this.root();
    const log = this.expectOk(
      await (await this.api()).staff.auditLog(admin, this.conversation(name)),
      'reading the log',
    );
    assert.deepEqual(
      log.map((e: Json) => e.action),
      actions.split(', '),
    );
  },
);

When(
  /^(\w+) purges the messages of (\w+)(?: sent in the last (\d+) hours?)? because "([^"]+)"$/,
  async function (this: ParleyWorld, who: string, whom: string, hours: string | undefined, reason: string) {
    const since = hours ? new Date(this.serverNow().getTime() - Number(hours) * 3600_000).toISOString() : undefined;
    const purge = this.expectOk(
      await (
        await this.api()
      ).staff.startPurge(this.session(who), this.userId(whom), { reason, ...(since ? { since } : {}) }),
      'starting the purge',
    );
    this.memory.set('purge', { id: purge.id, by: who });
  },
);

Then(
  'the purge finishes having deleted {int} of {int} messages',
  async function (this: ParleyWorld, erased: number, scanned: number) {
    const { id, by } = this.memory.get('purge') as { id: string; by: string };
    const end = Date.now() + 5000;
    let purge: Json = null;
    while (Date.now() < end && purge?.state !== 'done') {
      purge = this.expectOk(await (await this.api()).staff.purge(this.session(by), id), 'reading the purge');
      if (purge.state !== 'done') await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual([purge.state, purge.erased, purge.scanned], ['done', erased, scanned]);
  },
);

Then(/^(\w+)'s ban has ended for everyone to see$/, async function (this: ParleyWorld, who: string) {
  const moderator = this.session('Mo');
  const end = Date.now() + 5000;
  let user: Json = null;
  // The sweep lifts it (every 250 ms in process, every second in the API), without the person signing in.
  while (Date.now() < end && user?.bannedAt !== null) {
    const found = this.expectOk(
      await (await this.api()).staff.findUsers(moderator, `${who.toLowerCase()}@example.test`),
      'finding',
    );
    user = found[0];
    if (user?.bannedAt !== null) await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual([user?.bannedAt, user?.bannedUntil ?? null], [null, null]);
});
