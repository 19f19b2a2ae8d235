import type { Collection, Document } from 'mongodb';

/** Duplicate-key errors, as MongoDB and FerretDB both report them. */
export const isDuplicateKey = (error: unknown): boolean =>
  (error as { code?: number }).code === 11000 || /E11000|duplicate key/i.test(String((error as Error)?.message));

/** Inserts the document unless one with its unique key exists: true if this call inserted it. */
export async function insertUnlessExists(collection: Collection<Document>, doc: Document): Promise<boolean> {
  try {
    await collection.insertOne(doc);
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

/** Entities keep `id`; documents keep it as `_id`. */
export function toDoc<T extends { id: string }>(entity: T): Document {
  const { id, ...rest } = entity;
  return { _id: id, ...rest };
}

export function fromDoc<T>(doc: Document | null): T | null {
  if (!doc) return null;
  const { _id, ...rest } = doc;
  return { id: _id, ...rest } as T;
}

/** Documents whose `_id` is a compound key and whose fields already hold everything. */
export function stripId<T>(doc: Document | null): T | null {
  if (!doc) return null;
  const { _id: _ignored, ...rest } = doc;
  return rest as T;
}

export const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The next number in a dense per-conversation sequence, by insertion: read the highest, insert the next
 * under a unique key, and on a duplicate (someone took it first) read again. Only the unique index must be
 * atomic, which holds on MongoDB and FerretDB alike; and no number is ever skipped, since a number is taken
 * only by a document that exists.
 */
export async function insertNext<T>(
  collection: Collection<Document>,
  scope: Document,
  field: string,
  make: (next: number) => Document,
  done: (doc: Document) => T,
): Promise<T> {
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const last = await collection
      .find(scope, { projection: { [field]: 1 } })
      .sort({ [field]: -1 })
      .limit(1)
      .next();
    const doc = make(((last?.[field] as number | undefined) ?? 0) + 1);
    try {
      await collection.insertOne(doc);
      return done(doc);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      if (attempt > 3) await sleep(Math.random() * 5 * Math.min(attempt, 10));
    }
  }
  throw new Error(`could not take the next ${field}`);
}

/**
 * FerretDB 1.x applies an update by reading the document, changing it and writing it back, without a
 * lock, so two concurrent updates of one document can lose one. When the server is FerretDB, updates of
 * the same document from this process are queued one after another; MongoDB needs none of this.
 */
export class WriteGuard {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(readonly enabled: boolean) {}

  async run<T>(key: string, write: () => Promise<T>): Promise<T> {
    if (!this.enabled) return write();
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(write);
    this.tails.set(key, next);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === next) this.tails.delete(key);
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** FerretDB announces itself in buildInfo. */
export const isFerretDb = (buildInfo: Record<string, unknown>): boolean =>
  'ferretdbVersion' in buildInfo || 'ferretdb' in buildInfo;

/**
 * Deletes up to `limit` documents whose `expiresAt` is at or before `now`, each only if it still has the expiry
 * it was found with (a claim taken again meanwhile stays): the sweep FerretDB needs, having no TTL indexes.
 */
export async function deleteExpired(collection: Collection<Document>, now: Date, limit: number): Promise<number> {
  const expired = await collection
    .find({ expiresAt: { $lte: now } }, { projection: { _id: 1, expiresAt: 1 } })
    .limit(limit)
    .toArray();
  let deleted = 0;
  for (const doc of expired)
    deleted += (await collection.deleteOne({ _id: doc._id, expiresAt: doc.expiresAt })).deletedCount;
  return deleted;
}
