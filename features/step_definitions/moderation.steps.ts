import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import { PASSWORD, usernameOf, type ParleyWorld } from '../support/world.js';

When(
  '{word} reports {string} as {string}',
  async function (this: ParleyWorld, who: string, text: string, reason: string) {
    const result = await (await this.api()).report(this.session(who), this.message(text).id, reason);
    this.record(result);
    if (result.ok) this.memory.set(`report:${text}`, result.value.id);
  },
);

Given(
  '{word} has reported {string} as {string}',
  async function (this: ParleyWorld, who: string, text: string, reason: string) {
    const report = this.expectOk(
      await (await this.api()).report(this.session(who), this.message(text).id, reason),
      'reporting',
    );
    this.memory.set(`report:${text}`, report.id);
  },
);

When('{word} lists the open reports', async function (this: ParleyWorld, who: string) {
  const result = await (await this.api()).staff.listReports(this.session(who), 'open');
  this.memory.set('reports', this.record(result));
});

Then('there is an open report of {string} saying {string}', function (this: ParleyWorld, text: string, reason: string) {
  const reports = this.memory.get('reports') as Json[];
  assert.ok(reports.some((r) => r.messageId === this.message(text).id && r.reason === reason && r.status === 'open'));
});

When(
  '{word} resolves the report of {string} as {string}',
  async function (this: ParleyWorld, who: string, text: string, resolution: string) {
    this.record(
      await (
        await this.api()
      ).staff.resolveReport(this.session(who), this.memory.get(`report:${text}`), resolution, 'reviewed'),
    );
  },
);

When(
  '{word} removes {string} because {string}',
  async function (this: ParleyWorld, who: string, text: string, reason: string) {
    this.record(await (await this.api()).staff.moderateDelete(this.session(who), this.message(text).id, reason));
  },
);

When(
  '{word} bans {word} because {string}',
  async function (this: ParleyWorld, who: string, target: string, reason: string) {
    this.record(await (await this.api()).staff.ban(this.session(who), this.userId(target), reason));
  },
);

Given(
  '{word} has banned {word} because {string}',
  async function (this: ParleyWorld, who: string, target: string, reason: string) {
    this.expectOk(await (await this.api()).staff.ban(this.session(who), this.userId(target), reason), 'banning');
  },
);

When('{word} lifts the ban on {word}', async function (this: ParleyWorld, who: string, target: string) {
  this.record(await (await this.api()).staff.unban(this.session(who), this.userId(target)));
});

When('{word} makes {word} a {word}', async function (this: ParleyWorld, who: string, target: string, role: string) {
  this.record(await (await this.api()).staff.setUserRole(this.session(who), this.userId(target), role));
});

Then('{word} cannot sign in', async function (this: ParleyWorld, who: string) {
  const result = await (await this.api()).login(usernameOf(who), PASSWORD);
  assert.equal(result.ok, false, `${who} signed in`);
});

Then('{word} can sign in', async function (this: ParleyWorld, who: string) {
  const result = await (await this.api()).login(usernameOf(who), PASSWORD);
  assert.ok(result.ok, `${who} cannot sign in`);
  this.sessions.set(who, result.value);
});

Then("{word}'s earlier sign-in no longer works", async function (this: ParleyWorld, who: string) {
  const result = await (await this.api()).me(this.session(who));
  assert.equal(result.ok, false);
});

Then('the audit log for {word} shows {string}', async function (this: ParleyWorld, target: string, actions: string) {
  const admin = await this.root();
  const log = this.expectOk(
    await (await this.api()).staff.auditLog(admin, this.userId(target)),
    'reading the audit log',
  );
  assert.deepEqual(
    log.map((e: Json) => e.action),
    actions.split(', '),
  );
});

Then(
  'the audit log shows {string} of {string} by {word} with reason {string}',
  async function (this: ParleyWorld, action: string, text: string, who: string, reason: string) {
    const admin = await this.root();
    const log = this.expectOk(
      await (await this.api()).staff.auditLog(admin, this.message(text).id),
      'reading the audit log',
    );
    assert.deepEqual(
      log.map((e: Json) => [e.action, e.actorId, e.reason]),
      [[action, this.userId(who), reason]],
    );
  },
);

Given('{word} turned the {string} feature off', async function (this: ParleyWorld, who: string, flag: string) {
  this.expectOk(await (await this.api()).staff.setFlag(this.session(who), flag, false), 'turning the flag off');
});

When(
  '{word} turns the {string} feature {word}',
  async function (this: ParleyWorld, who: string, flag: string, state: string) {
    this.record(await (await this.api()).staff.setFlag(this.session(who), flag, state === 'on'));
  },
);

Then('the feature flags read {string}', async function (this: ParleyWorld, expected: string) {
  const flags = this.expectOk(await (await this.api()).listFlags(await this.root()), 'listing flags');
  assert.equal(flags.map((f: Json) => `${f.name}=${f.enabled ? 'on' : 'off'}`).join(', '), expected);
});

When('{word} exports the data of {word}', async function (this: ParleyWorld, who: string, target: string) {
  this.memory.set(
    'export',
    this.record(await (await this.api()).staff.exportUser(this.session(who), this.userId(target))),
  );
});

Then('the export holds the scheduled message {string}', function (this: ParleyWorld, text: string) {
  assert.deepEqual(
    this.memory.get('export').scheduledMessages.map((m: Json) => m.content),
    [text],
  );
});

Then(
  'the export holds {int} message(s) and {int} conversation(s)',
  function (this: ParleyWorld, messages: number, conversations: number) {
    const data = this.memory.get('export');
    assert.equal(data.messages.length, messages);
    assert.equal(data.memberships.length, conversations);
    assert.equal(data.user.passwordHash, undefined, 'never the password hash');
  },
);

Then(
  "no exported message says who else hid it, or carries the server's outbox bookkeeping",
  function (this: ParleyWorld) {
    const data = this.memory.get('export');
    for (const message of data.messages as Json[]) {
      assert.deepEqual(message.hiddenFor, [], `${message.content}: nobody else's hide`);
      assert.equal(message.pendingJobs, undefined, 'no outbox jobs');
      assert.equal(message.origin, undefined, 'no storing process');
    }
  },
);

When('{word} erases the account of {word}', async function (this: ParleyWorld, who: string, target: string) {
  this.record(await (await this.api()).staff.eraseUser(this.session(who), this.userId(target)));
});

When('{word} erases her/his own account', async function (this: ParleyWorld, who: string) {
  this.record(await (await this.api()).eraseOwnAccount(this.session(who), PASSWORD));
});

When(
  '{word} erases her/his own account with the password {string}',
  async function (this: ParleyWorld, who: string, password: string) {
    this.record(await (await this.api()).eraseOwnAccount(this.session(who), password));
  },
);

When('{word} exports her/his own data', async function (this: ParleyWorld, who: string) {
  this.memory.set('export', this.record(await (await this.api()).exportOwnData(this.session(who), PASSWORD)));
});

When(
  '{word} exports her/his own data with the password {string}',
  async function (this: ParleyWorld, who: string, password: string) {
    this.record(await (await this.api()).exportOwnData(this.session(who), password));
  },
);

Then(
  '{word} sees {word} as {string}',
  async function (this: ParleyWorld, viewer: string, target: string, name: string) {
    const user = this.expectOk(
      await (await this.api()).getUser(this.session(viewer), this.userId(target)),
      'reading the profile',
    );
    assert.equal(user.displayName, name);
  },
);

Given('{word} made {word} a {word}', async function (this: ParleyWorld, who: string, target: string, role: string) {
  this.expectOk(
    await (await this.api()).staff.setUserRole(this.session(who), this.userId(target), role),
    'changing the role',
  );
});

When('{word} lists the dead {string} jobs', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).staff.listDeadJobs(this.session(who), name));
});

Then('the list of dead jobs is empty', function (this: ParleyWorld) {
  assert.deepEqual(this.expectOk(this.last, 'listing dead jobs'), []);
});

When('{word} runs the dead {string} jobs again', async function (this: ParleyWorld, who: string, name: string) {
  this.record(await (await this.api()).staff.retryDeadJobs(this.session(who), name));
});

Then('{int} jobs are queued again', function (this: ParleyWorld, count: number) {
  assert.equal((this.expectOk(this.last, 'retrying dead jobs') as Json).retried.length, count);
});
