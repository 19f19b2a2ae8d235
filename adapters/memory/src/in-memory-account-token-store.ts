import type { AccountToken, AccountTokenKind, AccountTokenStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryAccountTokenStore implements AccountTokenStore {
  private readonly tokens = new Map<string, AccountToken>();
  private readonly spent = new Map<string, Date>();

  async create(token: AccountToken): Promise<void> {
    if (this.tokens.has(token.id)) throw new Error(`account token ${token.id} exists`);
    this.tokens.set(token.id, clone(token));
  }

  async find(id: string): Promise<AccountToken | null> {
    const token = this.tokens.get(id);
    return token ? clone(token) : null;
  }

  async isSpent(id: string): Promise<boolean> {
    return this.spent.has(id);
  }

  async spend(id: string, at: Date): Promise<boolean> {
    if (this.spent.has(id)) return false;
    this.spent.set(id, at);
    return true;
  }

  async spendAllForUser(userId: string, kind: AccountTokenKind, at: Date): Promise<void> {
    for (const token of this.tokens.values())
      if (token.userId === userId && token.kind === kind && !this.spent.has(token.id)) this.spent.set(token.id, at);
  }

  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, token] of this.tokens)
      if (token.expiresAt < before) {
        this.tokens.delete(id);
        this.spent.delete(id);
        removed += 1;
      }
    return removed;
  }
}
