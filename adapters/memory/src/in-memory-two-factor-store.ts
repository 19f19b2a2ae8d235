import type { TwoFactor, TwoFactorStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryTwoFactorStore implements TwoFactorStore {
  private readonly states = new Map<string, TwoFactor>();
  private readonly spent = new Map<string, Date>();

  async get(userId: string): Promise<TwoFactor | null> {
    const state = this.states.get(userId);
    return state ? clone(state) : null;
  }

  async put(state: TwoFactor): Promise<void> {
    this.states.set(state.userId, clone(state));
  }

  async remove(userId: string): Promise<void> {
    this.states.delete(userId);
  }

  async spend(userId: string, key: string, expiresAt: Date): Promise<boolean> {
    const id = `${userId}|${key}`;
    if (this.spent.has(id)) return false;
    this.spent.set(id, expiresAt);
    return true;
  }

  async countSpent(userId: string, keys: readonly string[]): Promise<number> {
    return keys.filter((key) => this.spent.has(`${userId}|${key}`)).length;
  }

  async deleteExpired(before: Date): Promise<number> {
    let removed = 0;
    for (const [id, expiresAt] of this.spent)
      if (expiresAt < before) {
        this.spent.delete(id);
        removed += 1;
      }
    return removed;
  }
}
