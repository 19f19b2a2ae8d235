import type { ConversationEvent } from '../modules/delivery/index.js';
import type { Ports } from '../ports.js';
import type { AccessView } from '../modules/conversations/index.js';
import { sentMessage } from '../modules/messaging/index.js';
import type { SendStep } from '../modules/messaging/policies/publish-message.js';
import { createParley, type Parley } from '../parley.js';
import { check, same } from './assert.js';
import { aUser } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

/**
 * A database shared by processes: each call of `process()` gives the ports of a new process (new store
 * instances, so new caches and sequencer heads) over the same stored data, the way a restarted or a
 * second API node sees it. An in-memory store can only be shared, not restarted: it returns the same
 * stores each time.
 */
export interface SharedDatabase {
  /**
   * The ports of a new process; with the assembly's AccessView over them when it caches access rows
   * (`ready` resolves once it listens for other processes' invalidations).
   */
  process(): Ports & { access?: AccessView; ready?: Promise<unknown> };
}

export interface SendPathOptions {
  /** How long the slow first request is held (30 s against a real server). */
  holdMs: number;
}

const STEPS: SendStep[] = ['authorized', 'composed', 'stored', 'shared', 'published'];

class Crash extends Error {}

async function setUp(db: SharedDatabase) {
  const ports = db.process();
  const ann = aUser();
  const bob = aUser();
  await ports.users.create(ann);
  await ports.users.create(bob);
  const core = createParley(ports, { sendRate: null });
  const created = await core.conversations.createConversation.execute({
    actorId: ann.id,
    kind: 'group',
    name: 'Team',
    memberIds: [bob.id],
  });
  check(created.ok, 'conversation created');
  await core.close();
  return { ann: ann.id, bob: bob.id, conversationId: created.value.conversation.id };
}

async function messageEvents(core: Parley, actorId: string, conversationId: string): Promise<ConversationEvent[]> {
  const page = await core.delivery.getConversationEvents.execute({ actorId, conversationId, after: 0, limit: 1000 });
  check(page.ok, 'events readable');
  return page.value.events;
}

/**
 * The send path end to end over real use cases: one atomic record per message, exactly once whatever
 * crashes, however retries race, however many processes share the database.
 */
export function sendPathContract(t: TestApi, factory: FixtureFactory<SharedDatabase>, options: SendPathOptions): void {
  const test = testWith(t, factory);
  t.describe('Send path contract', () => {
    for (const step of STEPS) {
      test(
        `a crash after "${step}" then a retry leaves the message exactly once in history, events and unread ` +
          `counts`,
        async (db) => {
          const { ann, bob, conversationId } = await setUp(db);
          const dying = createParley(
            db.process(),
            { sendRate: null },
            {
              probe: (s) => {
                if (s === step) throw new Crash(step);
              },
            },
          );
          const send = { actorId: ann, conversationId, content: 'hello', clientMessageId: `k-${step}` };
          let crashed = false;
          try {
            await dying.messaging.sendMessage.execute(send);
          } catch (error) {
            crashed = error instanceof Crash;
          }
          check(crashed, `the send died at ${step}`);
          // The process is gone; a new one starts (finishing what the dead one left), and the client retries.
          const restarted = createParley(db.process(), { sendRate: null });
          await restarted.delivery.relayOutbox.execute({ startup: true });
          const retry = await restarted.messaging.sendMessage.execute(send);
          check(retry.ok, 'the retry succeeds');
          same(
            retry.value.created,
            STEPS.indexOf(step) < STEPS.indexOf('stored'),
            'stored by the retry only if the crash came first',
          );
          const next = await restarted.messaging.sendMessage.execute({
            actorId: bob,
            conversationId,
            content: 'reply',
            clientMessageId: 'r1',
          });
          check(next.ok, 'the conversation goes on');
          await restarted.close();

          const history = await restarted.messaging.listMessages.execute({ actorId: bob, conversationId, limit: 50 });
          check(history.ok, 'history readable');
          same(
            history.value.data.map((m) => [m.seq, m.content]),
            [
              [2, 'reply'],
              [1, 'hello'],
            ],
            'once in history, seqs dense',
          );
          const events = (await messageEvents(restarted, bob, conversationId)).map((e) => e.eventSeq);
          same(
            events,
            events.map((_, i) => i + 1),
            'eventSeqs dense from 1',
          );
          const created = (await messageEvents(restarted, bob, conversationId)).filter(
            (e) => e.payload.type === 'message.created',
          );
          same(
            created.map((e) => (e.payload.type === 'message.created' ? e.payload.message.content : null)),
            ['hello', 'reply'],
            'once in the event stream',
          );
          same(
            created.map((e) => e.eventSeq),
            [sentMessage(retry.value)!.eventSeq, sentMessage(next.value)!.eventSeq],
            'the message is its own event',
          );
          const bobView = await restarted.conversations.getConversation.execute({ actorId: bob, conversationId });
          const annView = await restarted.conversations.getConversation.execute({ actorId: ann, conversationId });
          check(bobView.ok && annView.ok, 'views readable');
          same(
            [annView.value.unreadCount, annView.value.lastMessage?.content],
            [1, 'reply'],
            "ann: bob's reply unread, last message",
          );
          same(
            [bobView.value.unreadCount, bobView.value.lastReadSeq],
            [0, 2],
            'bob: his send read everything before it',
          );
          await dying.close().catch(() => undefined);
        },
        30_000,
      );
    }

    test(
      'a first request held back while retries race stores one message, whichever side inserts first',
      async (db) => {
        const { ann, conversationId } = await setUp(db);
        const hold = (at: SendStep) =>
          createParley(
            db.process(),
            { sendRate: null },
            {
              probe: async (s) => {
                if (s === at) await new Promise((r) => setTimeout(r, options.holdMs));
              },
            },
          );
        const before = hold('composed');
        const after = hold('stored');
        const retries = createParley(db.process(), { sendRate: null });
        const send = (id: string) => ({ actorId: ann, conversationId, content: id, clientMessageId: id });
        const slowBefore = before.messaging.sendMessage.execute(send('held-before-insert'));
        const slowAfter = after.messaging.sendMessage.execute(send('held-after-insert'));
        await new Promise((r) => setTimeout(r, Math.min(200, options.holdMs / 4)));
        const raced = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            retries.messaging.sendMessage.execute(send(i % 2 ? 'held-before-insert' : 'held-after-insert')),
          ),
        );
        const results = [...raced, await slowBefore, await slowAfter];
        check(
          results.every((r) => r.ok),
          'every request answered',
        );
        const ids = new Map<string, Set<string>>();
        let createdCount = 0;
        for (const r of results)
          if (r.ok) {
            const message = sentMessage(r.value)!;
            const set = ids.get(message.content!) ?? new Set();
            set.add(message.id);
            ids.set(message.content!, set);
            if (r.value.created) createdCount += 1;
          }
        same(
          [...ids.values()].map((s) => s.size),
          [1, 1],
          'one message per clientMessageId',
        );
        same(createdCount, 2, 'each created exactly once');
        const history = await retries.messaging.listMessages.execute({ actorId: ann, conversationId, limit: 50 });
        check(history.ok, 'history');
        same(history.value.data.length, 2, 'two messages stored');
        await Promise.all([before.close(), after.close(), retries.close()]);
      },
      options.holdMs * 3 + 30_000,
    );

    test('two processes sending to one conversation keep seqs and eventSeqs dense, with no duplicate', async (db) => {
      const { ann, bob, conversationId } = await setUp(db);
      const nodes = [createParley(db.process(), { sendRate: null }), createParley(db.process(), { sendRate: null })];
      const sends = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          nodes[i % 2]!.messaging.sendMessage.execute({
            actorId: i % 3 ? ann : bob,
            conversationId,
            content: `m${i}`,
            clientMessageId: `n${i}`,
          }),
        ),
      );
      check(
        sends.every((s) => s.ok && s.value.created),
        'all sent',
      );
      const seqs = sends.map((s) => (s.ok ? sentMessage(s.value)!.seq : 0)).sort((a, b) => a - b);
      same(
        seqs,
        Array.from({ length: 40 }, (_, i) => i + 1),
        'seqs 1..40',
      );
      for (const node of nodes) {
        const events = await messageEvents(node, ann, conversationId);
        same(
          events.map((e) => e.eventSeq),
          events.map((_, i) => i + 1),
          'eventSeqs dense, read from either node',
        );
        same(events.filter((e) => e.payload.type === 'message.created').length, 40, 'every message once in the stream');
      }
      await Promise.all(nodes.map((n) => n.close()));
    }, 60_000);

    test('a removed member cannot send, through the access cache of another process', async (db) => {
      const { ann, bob, conversationId } = await setUp(db);
      const [pa, pb] = [db.process(), db.process()];
      const [a, b] = [createParley(pa, { sendRate: null }), createParley(pb, { sendRate: null })];
      await Promise.all([pa.ready, pb.ready]);
      const first = await b.messaging.sendMessage.execute({ actorId: bob, conversationId, content: 'in' });
      check(first.ok, 'bob can send (and node b caches his membership)');
      // Let b's follow-up (bob's read mark) land first: on FerretDB, two processes updating one row at the
      // same instant can lose one write (docs/real-adapters.md), and that is not what this test is about.
      await b.followUps.settle();
      const removed = await a.conversations.removeParticipant.execute({ actorId: ann, conversationId, userId: bob });
      check(removed.ok, 'ann removes bob on node a');
      let refused = false;
      for (let i = 0; i < 20 && !refused; i += 1) {
        const again = await b.messaging.sendMessage.execute({ actorId: bob, conversationId, content: 'still in?' });
        refused = !again.ok && again.error.type === 'NotFound';
        if (!refused) await new Promise((r) => setTimeout(r, 50));
      }
      check(refused, 'node b refuses bob within a second');
      await Promise.all([a.close(), b.close()]);
    }, 30_000);
  });
}
