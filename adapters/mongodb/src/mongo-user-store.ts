import type { Db, Document } from 'mongodb';
import {
  conflict,
  err,
  ok,
  type Conflict,
  type Result,
  type User,
  type UserListQuery,
  type UserStore,
} from '@parley/core';
import { escapeRegex, fromDoc, isDuplicateKey, toDoc, type WriteGuard } from './support.js';

const toUserDoc = (user: Partial<User> & { id: string }): Document => ({
  ...toDoc(user),
  displayNameLower: user.displayName?.toLowerCase(),
});
const fromUserDoc = (doc: Document | null): User | null => {
  if (!doc) return null;
  const { displayNameLower: _lower, ...rest } = doc;
  return fromDoc<User>(rest);
};

export class MongoUserStore implements UserStore {
  private readonly users;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.users = db.collection('users');
  }

  async create(user: User): Promise<Result<User, Conflict>> {
    try {
      await this.users.insertOne(toUserDoc(user));
      return ok(user);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Which unique index fired: ask rather than parse driver-specific messages.
      if (await this.users.findOne({ email: user.email }, { projection: { _id: 1 } }))
        return err(conflict('email_taken', 'this email is already registered'));
      return err(conflict('username_taken', 'this username is taken'));
    }
  }

  async findById(id: string): Promise<User | null> {
    return fromUserDoc(await this.users.findOne({ _id: id as never }));
  }

  async findManyByIds(ids: readonly string[]): Promise<User[]> {
    return (await this.users.find({ _id: { $in: [...ids] as never[] } }).toArray()).map((d) => fromUserDoc(d)!);
  }

  async findByEmail(email: string): Promise<User | null> {
    return fromUserDoc(await this.users.findOne({ email }));
  }

  async findByUsername(username: string): Promise<User | null> {
    return fromUserDoc(await this.users.findOne({ username }));
  }

  async update(id: string, patch: Partial<Omit<User, 'id' | 'createdAt'>>): Promise<User | null> {
    const set: Document = { ...patch };
    if (patch.displayName !== undefined) set.displayNameLower = patch.displayName.toLowerCase();
    return this.guard.run(`users:${id}`, async () =>
      fromUserDoc(await this.users.findOneAndUpdate({ _id: id as never }, { $set: set }, { returnDocument: 'after' })),
    );
  }

  async searchByPrefix(prefix: string, limit: number): Promise<User[]> {
    const pattern = `^${escapeRegex(prefix.toLowerCase())}`;
    const docs = await this.users
      .find({ erasedAt: null, $or: [{ username: { $regex: pattern } }, { displayNameLower: { $regex: pattern } }] })
      .sort({ username: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => fromUserDoc(d)!);
  }

  async list(query: UserListQuery): Promise<User[]> {
    const filter: Document = {};
    if (query.afterId !== undefined) filter._id = { $gt: query.afterId };
    if (query.role !== undefined) filter.role = query.role;
    if (query.banned !== undefined) filter.bannedAt = query.banned ? { $ne: null } : null;
    if (query.banEndedBy !== undefined) filter.bannedUntil = { $lte: query.banEndedBy };
    return (await this.users.find(filter).sort({ _id: 1 }).limit(query.limit).toArray()).map((d) => fromUserDoc(d)!);
  }

  async count(): Promise<number> {
    return this.users.countDocuments();
  }
}
