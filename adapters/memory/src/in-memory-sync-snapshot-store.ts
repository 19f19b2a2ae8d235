import type { SyncSnapshot, SyncSnapshotStore } from '@parley/core';

const copy = (snapshot: SyncSnapshot): SyncSnapshot => ({ ...snapshot, seen: snapshot.seen.map((s) => ({ ...s })) });

/** Sync snapshots in a map, by id. */
export class InMemorySyncSnapshotStore implements SyncSnapshotStore {
  private readonly byId = new Map<string, SyncSnapshot>();

  async save(snapshot: SyncSnapshot): Promise<void> {
    if (this.byId.has(snapshot.id)) throw new Error(`sync snapshot ${snapshot.id} exists`);
    this.byId.set(snapshot.id, copy(snapshot));
  }

  async find(id: string, userId: string, now: Date): Promise<SyncSnapshot | null> {
    const found = this.byId.get(id);
    return found && found.userId === userId && found.expiresAt > now ? copy(found) : null;
  }

  async deleteExpired(now: Date, limit: number): Promise<number> {
    let deleted = 0;
    for (const [id, snapshot] of this.byId) {
      if (deleted === limit) break;
      if (snapshot.expiresAt > now) continue;
      this.byId.delete(id);
      deleted += 1;
    }
    return deleted;
  }
}
