import type { OutboxCheckpointStore } from '../modules/delivery/index.js';
import { check, same } from './assert.js';
import { at } from './fixtures.js';
import { testWith, type FixtureFactory, type TestApi } from './harness.js';

export function outboxCheckpointStoreContract(t: TestApi, factory: FixtureFactory<OutboxCheckpointStore>): void {
  const test = testWith(t, factory);
  t.describe('OutboxCheckpointStore contract', () => {
    test('saves, replaces, finds and lists checkpoints, oldest beat first', async (store) => {
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:00Z'), beatAt: at('2026-01-01T00:00:05Z') });
      await store.save({ origin: 'p2', doneBefore: at('2026-01-01T00:00:00Z'), beatAt: at('2026-01-01T00:00:01Z') });
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:02Z'), beatAt: at('2026-01-01T00:00:09Z') });
      same(
        await store.find('p1'),
        { origin: 'p1', doneBefore: at('2026-01-01T00:00:02Z'), beatAt: at('2026-01-01T00:00:09Z') },
        'the latest write wins',
      );
      same(await store.find('p9'), null, 'unknown origin');
      same(
        (await store.list(10)).map((c) => c.origin),
        ['p2', 'p1'],
        'oldest beat first',
      );
      same(
        (await store.list(1)).map((c) => c.origin),
        ['p2'],
        'limited',
      );
    });

    test("moves a checkpoint's relay marks forward only, unless its process wrote it again", async (store) => {
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:00Z'), beatAt: at('2026-01-01T00:00:05Z') });
      const beat = at('2026-01-01T00:00:05Z');
      check(await store.advance('p1', beat, 'doneBefore', at('2026-01-01T00:00:03Z')), 'moved forward');
      check(await store.advance('p1', beat, 'startRelayedTo', at('2026-01-01T00:00:04Z')), 'set where there was none');
      same(
        await store.find('p1'),
        {
          origin: 'p1',
          doneBefore: at('2026-01-01T00:00:03Z'),
          beatAt: beat,
          startRelayedTo: at('2026-01-01T00:00:04Z'),
        },
        'the beat is kept',
      );
      check(!(await store.advance('p1', beat, 'doneBefore', at('2026-01-01T00:00:02Z'))), 'never back');
      check(!(await store.advance('p1', beat, 'startRelayedTo', at('2026-01-01T00:00:04Z'))), 'nor to itself');
      check(await store.advance('p1', beat, 'startRelayedTo', at('2026-01-01T00:00:07Z')), 'on again');
      same((await store.list(10))[0]?.startRelayedTo, at('2026-01-01T00:00:07Z'), 'listed with it');
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:01Z'), beatAt: at('2026-01-01T00:00:06Z') });
      check(!(await store.advance('p1', beat, 'doneBefore', at('2026-01-01T00:00:09Z'))), 'a newer beat wins');
      same(
        await store.find('p1'),
        { origin: 'p1', doneBefore: at('2026-01-01T00:00:01Z'), beatAt: at('2026-01-01T00:00:06Z') },
        "the process's own write stands, and drops what the relays marked",
      );
      check(!(await store.advance('p9', beat, 'doneBefore', at('2026-01-01T00:00:09Z'))), 'unknown origin');
      same(await store.find('p9'), null, 'not made by an advance');
    });

    test('removes a checkpoint only if its process did not write it again since', async (store) => {
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:00Z'), beatAt: at('2026-01-01T00:00:05Z') });
      await store.save({ origin: 'p1', doneBefore: at('2026-01-01T00:00:00Z'), beatAt: at('2026-01-01T00:00:06Z') });
      check(!(await store.remove('p1', at('2026-01-01T00:00:05Z'))), 'a newer beat keeps it');
      check((await store.find('p1')) !== null, 'still there');
      check(await store.remove('p1', at('2026-01-01T00:00:06Z')), 'the beat seen is the last: removed');
      same(await store.find('p1'), null, 'gone');
      check(!(await store.remove('p1', at('2026-01-01T00:00:06Z'))), 'removing twice removes nothing');
    });
  });
}
