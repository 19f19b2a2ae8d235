import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Outcome } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

const ACTOR: Record<string, string> = {
  owner: 'Olga',
  admin: 'Adam',
  member: 'Mia',
  subscriber: 'Mia',
  outsider: 'Otto',
};

Given('a {word} with an owner, an admin and a {word}', async function (this: ParleyWorld, kind: string, _role: string) {
  for (const name of ['Olga', 'Adam', 'Mia', 'Otto', 'Nia', 'Pia']) await this.register(name);
  const api = await this.api();
  const olga = this.session('Olga');
  const members = kind === 'direct' ? [this.userId('Mia')] : ['Adam', 'Mia', 'Nia'].map((n) => this.userId(n));
  const conversation = this.expectOk(
    await api.createConversation(olga, {
      kind,
      memberIds: members,
      ...(kind === 'direct' ? {} : { name: `The ${kind}` }),
    }),
    'creating',
  );
  this.conversations.set(kind, conversation.id);
  if (kind !== 'direct')
    this.expectOk(await api.changeRole(olga, conversation.id, this.userId('Adam'), 'admin'), 'promoting');
  const seed = this.expectOk(await api.sendMessage(olga, conversation.id, { content: 'Seed message' }), 'seeding');
  this.messages.set('Seed message', { id: seed.id, conversationId: conversation.id, seq: seed.seq });
});

const ACTIONS: Record<string, (w: ParleyWorld, who: string, conversationId: string) => Promise<Outcome>> = {
  'rename it': async (w, who, c) => (await w.api()).updateConversation(w.session(who), c, { name: 'Renamed' }),
  post: async (w, who, c) => (await w.api()).sendMessage(w.session(who), c, { content: 'Posting' }),
  'read the history': async (w, who, c) => (await w.api()).listMessages(w.session(who), c, {}),
  'add someone': async (w, who, c) => (await w.api()).addParticipant(w.session(who), c, w.userId('Pia')),
  'remove someone': async (w, who, c) => (await w.api()).removeParticipant(w.session(who), c, w.userId('Nia')),
  'promote someone': async (w, who, c) => (await w.api()).changeRole(w.session(who), c, w.userId('Nia'), 'admin'),
  'delete the seed message': async (w, who, c) =>
    (await w.api()).deleteMessage(w.session(who), c, w.message('Seed message').id, 'everyone'),
  react: async (w, who) => (await w.api()).react(w.session(who), w.message('Seed message').id, '👍'),
  type: async (w, who, c) => (await w.api()).setTyping(w.session(who), c, true),
  'list the members': async (w, who, c) => (await w.api()).listParticipants(w.session(who), c),
  'see receipts': async (w, who) => (await w.api()).receipts(w.session(who), w.message('Seed message').id),
  'delete it': async (w, who, c) => (await w.api()).deleteConversation(w.session(who), c),
};

When(
  /^the (owner|admin|member|subscriber|outsider) of the (group|channel|direct) tries to (.+)$/,
  async function (this: ParleyWorld, role: string, kind: string, action: string) {
    const run = ACTIONS[action];
    assert.ok(run, `unknown action "${action}"`);
    this.record(await run(this, ACTOR[role]!, this.conversation(kind)));
  },
);

Then('the outcome is {word}', function (this: ParleyWorld, expected: string) {
  const actual = this.last.ok
    ? 'allowed'
    : this.last.error.type === 'Forbidden'
      ? 'forbidden'
      : this.last.error.type === 'NotFound'
        ? 'hidden'
        : this.last.error.code;
  assert.equal(actual, expected);
});
