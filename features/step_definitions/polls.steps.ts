import { Given, Then, When } from '@cucumber/cucumber';
import assert from 'node:assert/strict';
import type { Json } from '../support/drivers/driver.js';
import type { ParleyWorld } from '../support/world.js';

async function postPoll(
  world: ParleyWorld,
  who: string,
  question: string,
  options: string,
  name: string,
  extra: Json = {},
) {
  const result = await (
    await world.api()
  ).sendMessage(world.session(who), world.conversation(name), {
    poll: { question, options: options.split(', '), ...extra },
  });
  world.record(result);
  if (result.ok)
    world.messages.set(question, {
      id: result.value.id,
      conversationId: result.value.conversationId,
      seq: result.value.seq,
    });
  if (result.ok) world.memory.set(`poll:${question}`, result.value.poll);
  return result;
}

/** Option texts to the ids of the poll's options. */
const optionIds = (world: ParleyWorld, question: string, texts: string): string[] => {
  const poll = world.memory.get(`poll:${question}`);
  return texts.split(', ').map((text) => poll.options.find((o: Json) => o.text === text)?.id ?? text);
};

When(
  '{word} posts the poll {string} with options {string} to {string}',
  async function (this: ParleyWorld, who: string, question: string, options: string, name: string) {
    await postPoll(this, who, question, options, name);
  },
);

Given(
  '{word} posted the poll {string} with options {string} to {string}',
  async function (this: ParleyWorld, who: string, question: string, options: string, name: string) {
    assert.ok((await postPoll(this, who, question, options, name)).ok, 'posting the poll');
  },
);

Given(
  '{word} posted the public multiple-choice poll {string} with options {string} to {string}',
  async function (this: ParleyWorld, who: string, question: string, options: string, name: string) {
    assert.ok(
      (await postPoll(this, who, question, options, name, { multiple: true, anonymous: false })).ok,
      'posting the poll',
    );
  },
);

When(
  '{word} votes {string} in {string}',
  async function (this: ParleyWorld, who: string, texts: string, question: string) {
    this.record(
      await (await this.api()).vote(this.session(who), this.message(question).id, optionIds(this, question, texts)),
    );
  },
);

Given(
  '{word} voted {string} in {string}',
  async function (this: ParleyWorld, who: string, texts: string, question: string) {
    this.expectOk(
      await (await this.api()).vote(this.session(who), this.message(question).id, optionIds(this, question, texts)),
      'voting',
    );
  },
);

When(
  '{word} votes {string} in {string} {int} times at once',
  async function (this: ParleyWorld, who: string, texts: string, question: string, times: number) {
    const api = await this.api();
    const results = await Promise.all(
      Array.from({ length: times }, () =>
        api.vote(this.session(who), this.message(question).id, optionIds(this, question, texts)),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 1, 'one vote accepted');
  },
);

When('{word} takes back her/his vote in {string}', async function (this: ParleyWorld, who: string, question: string) {
  this.expectOk(
    await (await this.api()).vote(this.session(who), this.message(question).id, null),
    'taking the vote back',
  );
});

When('{word} closes the poll {string}', async function (this: ParleyWorld, who: string, question: string) {
  this.record(await (await this.api()).closePoll(this.session(who), this.message(question).id));
});

async function results(world: ParleyWorld, question: string, viewer?: string): Promise<Json> {
  return world.expectOk(
    await (
      await world.api()
    ).pollResults(world.session(viewer ?? [...world.sessions.keys()][0]!), world.message(question).id),
    'reading the results',
  );
}

Then(
  'the results of {string} read {string} with {int} voter(s)',
  async function (this: ParleyWorld, question: string, expected: string, voters: number) {
    const r = await results(this, question);
    assert.deepEqual(
      [r.options.map((o: Json) => `${o.text} ${o.votes}`).join(', '), r.totalVoters],
      [expected, voters],
    );
  },
);

Then("nobody's vote is shown in {string}", async function (this: ParleyWorld, question: string) {
  const r = await results(this, question);
  assert.ok(
    r.options.every((o: Json) => o.voters === null),
    'voters are hidden',
  );
});

Then(
  '{word} sees that {word} voted {string} in {string}',
  async function (this: ParleyWorld, viewer: string, voter: string, texts: string, question: string) {
    const r = await results(this, question, viewer);
    const chosen = r.options.filter((o: Json) => o.voters?.includes(this.userId(voter))).map((o: Json) => o.text);
    assert.deepEqual(chosen, texts.split(', '));
  },
);
