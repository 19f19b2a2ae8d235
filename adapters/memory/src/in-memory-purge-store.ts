import type { Purge, PurgeStore } from '@parley/core';

export class InMemoryPurgeStore implements PurgeStore {
  private readonly purges = new Map<string, Purge>();

  async create(purge: Purge): Promise<void> {
    this.purges.set(purge.id, structuredClone(purge));
  }

  async find(id: string): Promise<Purge | null> {
    const purge = this.purges.get(id);
    return purge ? structuredClone(purge) : null;
  }

  async update(id: string, patch: Partial<Omit<Purge, 'id' | 'userId' | 'createdAt'>>): Promise<Purge | null> {
    const purge = this.purges.get(id);
    if (!purge) return null;
    const next = { ...purge, ...structuredClone(patch) };
    this.purges.set(id, next);
    return structuredClone(next);
  }
}
