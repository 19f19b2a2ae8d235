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
import { clone } from './clone.js';

export class InMemoryUserStore implements UserStore {
  private readonly byId = new Map<string, User>();

  async create(user: User): Promise<Result<User, Conflict>> {
    for (const existing of this.byId.values()) {
      if (existing.email === user.email) return err(conflict('email_taken', 'this email is already registered'));
      if (existing.username === user.username) return err(conflict('username_taken', 'this username is taken'));
    }
    this.byId.set(user.id, clone(user));
    return ok(clone(user));
  }

  async findById(id: string): Promise<User | null> {
    const user = this.byId.get(id);
    return user ? clone(user) : null;
  }

  async findManyByIds(ids: readonly string[]): Promise<User[]> {
    return [...new Set(ids)].flatMap((id) => (this.byId.has(id) ? [clone(this.byId.get(id)!)] : []));
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.find((u) => u.email === email);
  }

  async findByUsername(username: string): Promise<User | null> {
    return this.find((u) => u.username === username);
  }

  async update(id: string, patch: Partial<Omit<User, 'id' | 'createdAt'>>): Promise<User | null> {
    const user = this.byId.get(id);
    if (!user) return null;
    Object.assign(user, clone(patch));
    return clone(user);
  }

  async searchByPrefix(prefix: string, limit: number): Promise<User[]> {
    const p = prefix.toLowerCase();
    return [...this.byId.values()]
      .filter((u) => !u.erasedAt && (u.username.startsWith(p) || u.displayName.toLowerCase().startsWith(p)))
      .sort((a, b) => a.username.localeCompare(b.username))
      .slice(0, limit)
      .map(clone);
  }

  async list(query: UserListQuery): Promise<User[]> {
    return [...this.byId.values()]
      .filter(
        (u) =>
          (query.afterId === undefined || u.id > query.afterId) &&
          (query.role === undefined || u.role === query.role) &&
          (query.banned === undefined || (u.bannedAt !== null) === query.banned) &&
          (query.banEndedBy === undefined ||
            (u.bannedAt !== null && !!u.bannedUntil && u.bannedUntil <= query.banEndedBy)),
      )
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map(clone);
  }

  async count(): Promise<number> {
    return this.byId.size;
  }

  private find(predicate: (u: User) => boolean): User | null {
    for (const user of this.byId.values()) if (predicate(user)) return clone(user);
    return null;
  }
}
