import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  MongoWriteConcernError,
  type MongoClientOptions,
  type ReadConcernLevel,
} from 'mongodb';

/**
 * What a write must reach before a client is told it succeeded, and what a read may see. Production runs
 * MongoDB as a replica set, where the server's defaults are weaker than docs/send-path.md promises: with an
 * arbiter, `w: 1`, so a 201 can be rolled back by a failover; and read concern `local`, so catch-up can hand a
 * client an entry that a failover then rolls back and a new primary reuses.
 */
export interface Durability {
  /** `majority` (the default): a write is acknowledged once a majority of voting members have it in their journal. */
  writeConcern: 'majority' | number;
  /** `majority` (the default): reads see only what a majority has, so nothing read can be rolled back. */
  readConcern: 'majority' | 'local';
  /** Lower either of them only with this set: a deployment that accepts rolled-back acknowledgements says so. */
  allowWeak: boolean;
}

export const DEFAULT_DURABILITY: Durability = { writeConcern: 'majority', readConcern: 'majority', allowWeak: false };

export class WeakDurabilityError extends Error {}

/**
 * The driver options for `durability`, which win over what MONGO_URL says; refuses a URL or a setting that
 * lowers durability without `allowWeak`. Always: reads from the primary (read-your-writes, even if the URL asks
 * for secondaries), retryable writes and reads on (a write interrupted by a failover is retried once, and the
 * idempotency keys make the retry safe).
 */
export function durabilityOptions(url: string, durability: Durability = DEFAULT_DURABILITY): MongoClientOptions {
  const fromUrl = new MongoClient(url).options;
  const weak: string[] = [];
  if (durability.writeConcern !== 'majority') weak.push(`write concern w=${durability.writeConcern}`);
  if (durability.readConcern !== 'majority') weak.push(`read concern ${durability.readConcern}`);
  const urlW = fromUrl.writeConcern?.w;
  if (urlW !== undefined && urlW !== 'majority') weak.push(`w=${String(urlW)} in MONGO_URL`);
  if (fromUrl.writeConcern?.journal === false) weak.push('journal=false in MONGO_URL');
  const urlRead = fromUrl.readConcern?.level;
  if (urlRead !== undefined && urlRead !== 'majority' && urlRead !== 'linearizable')
    weak.push(`readConcernLevel=${urlRead} in MONGO_URL`);
  if (weak.length > 0 && !durability.allowWeak)
    throw new WeakDurabilityError(
      `MongoDB durability lowered (${weak.join(', ')}): an acknowledged send could be rolled back by a failover. ` +
        'Set MONGO_ALLOW_WEAK_DURABILITY=true to accept that, or remove the setting.',
    );
  const w = durability.allowWeak && urlW !== undefined ? urlW : durability.writeConcern;
  return {
    writeConcern: { w, journal: durability.allowWeak ? fromUrl.writeConcern?.journal !== false : true },
    readConcern: { level: (durability.allowWeak && urlRead ? urlRead : durability.readConcern) as ReadConcernLevel },
    readPreference: 'primary',
    retryWrites: true,
    retryReads: true,
  };
}

/**
 * The driver's errors for a server it cannot reach or lost while waiting, or whose connections were all busy for
 * the wait-queue limit (not a refused or failed command).
 */
const CONNECTION_ERRORS = new Set([
  'MongoWaitQueueTimeoutError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoNotConnectedError',
]);

/**
 * Node's own socket errors, which the driver now and then lets through unwrapped (a write after the server closed the
 * connection: EPIPE, "This socket has been ended by the other party"). From a database call they mean the same as
 * MongoNetworkError.
 */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTCONN']);

/**
 * Server codes that mean "not now, ask again": no primary, a primary stepping down or shutting down, an
 * operation interrupted by either, a read's cursor lost with the server that held it (MongoDB's error_codes.yml).
 */
const UNAVAILABLE_CODES = new Set([
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
  64, // WriteConcernFailed (wtimeout)
  100, // UnsatisfiableWriteConcern (not enough members up)
  43, // CursorNotFound: a read's cursor lost between its batches when the server restarted (a soak's resumes)
  237, // CursorKilled: the same, killed by a shutdown or a step-down
]);

/**
 * Whether an error means the database is unavailable (503 `database_unavailable` at the edge), not that the
 * request failed: unreachable, no primary, a failover in progress, or a write the majority did not confirm. A
 * write-concern error leaves the write applied on the primary but not yet durable: the client is told to retry,
 * and its retry is idempotent.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (CONNECTION_ERRORS.has(error.name)) return true;
  if (SOCKET_CODES.has(String((error as NodeJS.ErrnoException).code))) return true;
  // insertMany and bulkWrite wrap a driver error (no connection, the pool cleared or busy) in a MongoBulkWriteError
  // named for the bulk write; the error it wraps says what happened.
  if (error instanceof MongoBulkWriteError && error.errorResponse instanceof Error)
    return isUnavailable(error.errorResponse);
  if (error instanceof MongoWriteConcernError) return true;
  if (error instanceof MongoServerError) {
    if (typeof error.code === 'number' && UNAVAILABLE_CODES.has(error.code)) return true;
    if (error.hasErrorLabel('RetryableWriteError')) return true;
    const concern = (error.errInfo as { writeConcernError?: unknown } | undefined)?.writeConcernError;
    if (concern !== undefined) return true;
  }
  return false;
}
