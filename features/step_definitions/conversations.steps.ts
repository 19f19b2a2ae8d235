import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { ParleyWorld } from '../support/world.js';

async function open(world: ParleyWorld, a: string, b: string) {
  const result = await (
    await world.api()
  ).createConversation(world.session(a), { kind: 'direct', memberIds: [world.userId(b)] });
  world.record(result);
  if (result.ok) {
    world.conversations.set(`${a} & ${b}`, result.value.id);
    world.conversations.set(`${b} & ${a}`, result.value.id);
    world.memory.set(`opened:${a}`, result.value.id);
  }
  return result;
}

async function create(world: ParleyWorld, owner: string, kind: 'group' | 'channel', name: string, members: string[]) {
  const result = await (
    await world.api()
  ).createConversation(world.session(owner), { kind, name, memberIds: members.map((m) => world.userId(m)) });
  world.record(result);
  if (result.ok) world.conversations.set(name, result.value.id);
  return result;
}

Given('{word} has a direct conversation with {word}', async function (this: ParleyWorld, a: string, b: string) {
  assert.ok((await open(this, a, b)).ok);
});

When('{word} opens a direct conversation with {word}', async function (this: ParleyWorld, a: string, b: string) {
  await open(this, a, b);
});

When('{word} opens a direct conversation with only herself/himself', async function (this: ParleyWorld, a: string) {
  this.record(
    await (await this.api()).createConversation(this.session(a), { kind: 'direct', memberIds: [this.userId(a)] }),
  );
});

When('{word} opens a direct conversation with an unknown user', async function (this: ParleyWorld, a: string) {
  this.record(
    await (await this.api()).createConversation(this.session(a), { kind: 'direct', memberIds: ['no-such-user'] }),
  );
});

When(
  '{word} and {word} open a direct conversation with each other at the same time',
  async function (this: ParleyWorld, a: string, b: string) {
    const api = await this.api();
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () =>
        api.createConversation(this.session(a), { kind: 'direct', memberIds: [this.userId(b)] }),
      ),
      ...Array.from({ length: 5 }, () =>
        api.createConversation(this.session(b), { kind: 'direct', memberIds: [this.userId(a)] }),
      ),
    ]);
    assert.ok(
      results.every((r) => r.ok),
      'every open succeeds',
    );
    this.memory.set(
      'opened-ids',
      results.map((r) => (r.ok ? r.value.id : null)),
    );
  },
);

Then('they all got the same conversation', function (this: ParleyWorld) {
  assert.equal(new Set(this.memory.get('opened-ids')).size, 1);
});

Then('{word} and {word} are in the same direct conversation', function (this: ParleyWorld, a: string, b: string) {
  assert.equal(this.memory.get(`opened:${a}`), this.memory.get(`opened:${b}`));
});

Given(
  '{word} created the group {string} with {names}',
  async function (this: ParleyWorld, owner: string, name: string, members: string[]) {
    assert.ok((await create(this, owner, 'group', name, members)).ok, 'creating the group');
  },
);

Given('{word} created the group {string}', async function (this: ParleyWorld, owner: string, name: string) {
  assert.ok((await create(this, owner, 'group', name, [])).ok, 'creating the group');
});

When(
  '{word} creates the group {string} with {names}',
  async function (this: ParleyWorld, owner: string, name: string, members: string[]) {
    await create(this, owner, 'group', name, members);
  },
);

When('{word} creates a group without a name', async function (this: ParleyWorld, owner: string) {
  this.record(await (await this.api()).createConversation(this.session(owner), { kind: 'group', memberIds: [] }));
});

Given(
  '{word} created the channel {string} with subscribers {names}',
  async function (this: ParleyWorld, owner: string, name: string, members: string[]) {
    assert.ok((await create(this, owner, 'channel', name, members)).ok, 'creating the channel');
  },
);

When(
  '{word} creates the channel {string} with subscribers {names}',
  async function (this: ParleyWorld, owner: string, name: string, members: string[]) {
    await create(this, owner, 'channel', name, members);
  },
);

Given(
  '{word} made {word} an admin of {string}',
  async function (this: ParleyWorld, owner: string, who: string, name: string) {
    this.expectOk(
      await (await this.api()).changeRole(this.session(owner), this.conversation(name), this.userId(who), 'admin'),
      'promoting',
    );
  },
);

When(
  '{word} makes {word} the {word} of {string}',
  async function (this: ParleyWorld, actor: string, who: string, role: string, name: string) {
    this.record(
      await (await this.api()).changeRole(this.session(actor), this.conversation(name), this.userId(who), role),
    );
  },
);

When('{word} adds {word} to {string}', async function (this: ParleyWorld, actor: string, who: string, name: string) {
  this.record(await (await this.api()).addParticipant(this.session(actor), this.conversation(name), this.userId(who)));
});

Given('{word} added {word} to {string}', async function (this: ParleyWorld, actor: string, who: string, name: string) {
  this.expectOk(
    await (await this.api()).addParticipant(this.session(actor), this.conversation(name), this.userId(who)),
    'adding',
  );
});

When(
  '{word} removes {word} from {string}',
  async function (this: ParleyWorld, actor: string, who: string, name: string) {
    this.record(
      await (await this.api()).removeParticipant(this.session(actor), this.conversation(name), this.userId(who)),
    );
  },
);

When('{word} leaves {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).leaveConversation(this.session(who), this.conversation(name)));
});

When(
  '{word} renames {string} to {string}',
  async function (this: ParleyWorld, actor: string, name: string, to: string) {
    this.record(
      await (await this.api()).updateConversation(this.session(actor), this.conversation(name), { name: to }),
    );
  },
);

When('{word} deletes the conversation {string}', async function (this: ParleyWorld, actor: string, name: string) {
  this.record(await (await this.api()).deleteConversation(this.session(actor), this.conversation(name)));
});

When('{word} lists the members of {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).listParticipants(this.session(who), this.conversation(name)));
});

Then(
  'the members of {string} are:',
  async function (this: ParleyWorld, name: string, table: { hashes(): { name: string; role: string }[] }) {
    const owner = [...this.sessions.keys()];
    let rows: { userId: string; role: string }[] | undefined;
    for (const who of owner) {
      const r = await (await this.api()).listParticipants(this.session(who), this.conversation(name));
      if (r.ok) {
        rows = r.value;
        break;
      }
    }
    assert.ok(rows, 'nobody could list the members');
    const byId = new Map([...this.sessions].map(([n, s]) => [s.userId, n]));
    const actual = rows
      .map((r) => ({ name: byId.get(r.userId) ?? r.userId, role: r.role }))
      .sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(
      actual,
      table.hashes().sort((a, b) => a.name.localeCompare(b.name)),
    );
  },
);

Then(
  '{word} sees {string} in her/his conversation list',
  async function (this: ParleyWorld, who: string, name: string) {
    const list = this.expectOk(await (await this.api()).listConversations(this.session(who)), 'listing');
    assert.ok(
      list.some((c: { id: string }) => c.id === this.conversation(name)),
      `${name} missing`,
    );
  },
);

Then(
  '{word} does not see {string} in her/his conversation list',
  async function (this: ParleyWorld, who: string, name: string) {
    const list = this.expectOk(await (await this.api()).listConversations(this.session(who)), 'listing');
    assert.ok(!list.some((c: { id: string }) => c.id === this.conversation(name)), `${name} still listed`);
  },
);

Then('{word} cannot open {string}', async function (this: ParleyWorld, who: string, name: string) {
  const result = await (await this.api()).getConversation(this.session(who), this.conversation(name));
  assert.equal(result.ok ? 'found' : result.error.type, 'NotFound');
});

Then('{word} is the {word} of {string}', async function (this: ParleyWorld, who: string, role: string, name: string) {
  const view = this.expectOk(
    await (await this.api()).getConversation(this.session(who), this.conversation(name)),
    'opening',
  );
  assert.equal(view.myRole, role);
});

Then('{string} is called {string}', async function (this: ParleyWorld, name: string, title: string) {
  const someone = [...this.sessions.values()];
  for (const s of someone) {
    const r = await (await this.api()).getConversation(s, this.conversation(name));
    if (r.ok) return assert.equal(r.value.name, title);
  }
  assert.fail('nobody can see the conversation');
});

const slowMode = (w: ParleyWorld, who: string, name: string, seconds: number | null) =>
  w
    .api()
    .then((api) =>
      api.updateConversation(w.session(who), w.conversation(name), { settings: { slowModeSeconds: seconds } }),
    );

When(
  '{word} turns on slow mode in {string} with {int} seconds',
  async function (this: ParleyWorld, who: string, name: string, seconds: number) {
    this.record(await slowMode(this, who, name, seconds));
  },
);

Given(
  '{word} turned on slow mode in {string} with {int} seconds',
  async function (this: ParleyWorld, who: string, name: string, seconds: number) {
    this.expectOk(await slowMode(this, who, name, seconds), 'turning on slow mode');
  },
);

When('{word} turns off slow mode in {string}', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await slowMode(this, who, name, null));
});

When(
  '{word} adds {names} to {string} at once',
  async function (this: ParleyWorld, actor: string, who: string[], name: string) {
    this.record(
      await (
        await this.api()
      ).addParticipants(
        this.session(actor),
        this.conversation(name),
        who.map((w) => (w === 'Nobody' ? 'no-such-user' : this.userId(w))),
      ),
    );
  },
);

Then('the bulk results are {string}', function (this: ParleyWorld, expected: string) {
  const results = (
    this.expectOk(this.last, 'adding in bulk') as {
      results: { userId: string; status: string; error?: { code: string } }[];
    }
  ).results;
  const names = new Map([...this.sessions.entries()].map(([name, session]) => [session.userId, name]));
  const nameOf = (id: string) => names.get(id) ?? 'Nobody';
  assert.equal(
    results.map((r) => `${nameOf(r.userId)} ${r.status === 'added' ? 'added' : `failed ${r.error?.code}`}`).join(', '),
    expected,
  );
});
