import type { OutboxCheckpoint, OutboxCheckpointStore, RelayMark } from '@parley/core';

/** Checkpoints in a map; in one process there is only ever this process's own. */
export class InMemoryOutboxCheckpointStore implements OutboxCheckpointStore {
  private readonly byOrigin = new Map<string, OutboxCheckpoint>();

  async save(checkpoint: OutboxCheckpoint): Promise<void> {
    this.byOrigin.set(checkpoint.origin, { ...checkpoint });
  }

  async find(origin: string): Promise<OutboxCheckpoint | null> {
    const found = this.byOrigin.get(origin);
    return found ? { ...found } : null;
  }

  async list(limit: number): Promise<OutboxCheckpoint[]> {
    return [...this.byOrigin.values()]
      .sort((a, b) => a.beatAt.getTime() - b.beatAt.getTime())
      .slice(0, limit)
      .map((c) => ({ ...c }));
  }

  async advance(origin: string, beatAt: Date, mark: RelayMark, to: Date): Promise<boolean> {
    const found = this.byOrigin.get(origin);
    if (!found || found.beatAt.getTime() !== beatAt.getTime()) return false;
    const at = found[mark];
    if (at !== undefined && at >= to) return false;
    this.byOrigin.set(origin, { ...found, [mark]: new Date(to) });
    return true;
  }

  async remove(origin: string, beatAt: Date): Promise<boolean> {
    const found = this.byOrigin.get(origin);
    if (!found || found.beatAt.getTime() !== beatAt.getTime()) return false;
    return this.byOrigin.delete(origin);
  }
}
