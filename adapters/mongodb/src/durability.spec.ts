import { createRequire } from 'node:module';
import { MongoBulkWriteError, MongoNetworkError, MongoServerError, MongoWriteConcernError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { durabilityOptions, isUnavailable, WeakDurabilityError } from './durability.js';

const URL = 'mongodb://db.example:27017/parley?replicaSet=rs0';
/** The driver's own (it does not export the class): every connection of the pool busy for waitQueueTimeoutMS. */
const { WaitQueueTimeoutError, PoolClearedError } = createRequire(import.meta.url)('mongodb/lib/cmap/errors.js') as {
  WaitQueueTimeoutError: new (message: string, address: string) => Error;
  PoolClearedError: new (pool: { address: string; serviceId?: unknown }, reason: Error) => Error;
};
/** What insertMany throws when its batch fails: the driver's error wrapped (the event log's inserts go this way). */
const bulkError = (error: Error | Record<string, unknown>) =>
  new MongoBulkWriteError(error as never, {} as ConstructorParameters<typeof MongoBulkWriteError>[1]);
const serverError = (fields: Record<string, unknown>) => new MongoServerError({ message: 'x', ...fields });

describe('durabilityOptions', () => {
  it('asks for majority journaled writes, majority reads, the primary and retries by default', () => {
    const options = durabilityOptions(URL);
    expect(options.writeConcern).toEqual({ w: 'majority', journal: true });
    expect(options.readConcern).toEqual({ level: 'majority' });
    expect([options.readPreference, options.retryWrites, options.retryReads]).toEqual(['primary', true, true]);
  });

  it('reads from the primary even when the URL asks for secondaries', () => {
    expect(durabilityOptions(`${URL}&readPreference=secondaryPreferred`).readPreference).toBe('primary');
  });

  it('refuses a lower write or read concern, in the settings or the URL, unless weak durability is allowed', () => {
    const refused = [
      () => durabilityOptions(`${URL}&w=1`),
      () => durabilityOptions(`${URL}&journal=false`),
      () => durabilityOptions(`${URL}&readConcernLevel=local`),
      () => durabilityOptions(URL, { writeConcern: 1, readConcern: 'majority', allowWeak: false }),
      () => durabilityOptions(URL, { writeConcern: 'majority', readConcern: 'local', allowWeak: false }),
    ];
    for (const attempt of refused) expect(attempt).toThrow(WeakDurabilityError);
    expect(() => durabilityOptions(`${URL}&w=1`)).toThrow(/MONGO_ALLOW_WEAK_DURABILITY=true/);
    const allowed = durabilityOptions(`${URL}&w=1`, {
      writeConcern: 'majority',
      readConcern: 'local',
      allowWeak: true,
    });
    expect([allowed.writeConcern, allowed.readConcern]).toEqual([{ w: 1, journal: true }, { level: 'local' }]);
    expect(durabilityOptions(`${URL}&w=majority`).writeConcern).toEqual({ w: 'majority', journal: true });
  });
});

describe('isUnavailable', () => {
  it('takes failovers, step-downs, shutdowns, a busy pool and unconfirmed writes for unavailability (503)', () => {
    const unavailable = [
      new MongoNetworkError('connection reset'),
      new WaitQueueTimeoutError('Timed out while checking out a connection from connection pool', 'db:27017'),
      serverError({ code: 10107, codeName: 'NotWritablePrimary' }),
      serverError({ code: 11602, codeName: 'InterruptedDueToReplStateChange' }),
      serverError({ code: 91, codeName: 'ShutdownInProgress' }),
      serverError({ code: 189, codeName: 'PrimarySteppedDown' }),
      serverError({ code: 1, errorLabels: ['RetryableWriteError'] }),
      serverError({ code: 43, codeName: 'CursorNotFound' }), // a 30-minute soak's resumes found these as 500s
      serverError({ code: 237, codeName: 'CursorKilled' }),
      new MongoWriteConcernError({
        ok: 1,
        writeConcernError: { code: 64, errmsg: 'waiting for replication timed out' },
      }),
    ];
    expect(unavailable.map(isUnavailable)).toEqual(unavailable.map(() => true));
  });

  it("takes Node's socket errors the driver lets through unwrapped for unavailability (soaks saw 500s)", () => {
    const raw = ['EPIPE', 'ECONNRESET', 'ECONNREFUSED'].map((code) => Object.assign(new Error(code), { code }));
    expect(raw.map(isUnavailable)).toEqual([true, true, true]);
    expect(isUnavailable(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe(false);
  });

  it('sees through a bulk write (insertMany) that failed for want of a connection (a soak found these as 500s)', () => {
    const poolCleared = new PoolClearedError({ address: 'db:27017' }, new MongoNetworkError('read ECONNRESET'));
    const busy = new WaitQueueTimeoutError(
      'Timed out while checking out a connection from connection pool',
      'db:27017',
    );
    const ended = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    const wrapped = [
      bulkError(poolCleared),
      bulkError(busy),
      bulkError(new MongoNetworkError('connection reset')),
      bulkError(ended),
    ];
    expect(wrapped.map((e) => e.name)).toEqual(wrapped.map(() => 'MongoBulkWriteError'));
    expect(wrapped.map(isUnavailable)).toEqual(wrapped.map(() => true));
    // A batch refused document by document (a duplicate key) is the command's answer, not unavailability.
    const refused = bulkError({ message: 'E11000 duplicate key', code: 11000, writeErrors: [] });
    expect(isUnavailable(refused)).toBe(false);
  });

  it('leaves refused commands and programming errors alone', () => {
    const failures = [
      serverError({ code: 11000, codeName: 'DuplicateKey' }),
      serverError({ code: 2, codeName: 'BadValue' }),
      new TypeError('x is undefined'),
      'not an error',
    ];
    expect(failures.map(isUnavailable)).toEqual(failures.map(() => false));
  });
});
