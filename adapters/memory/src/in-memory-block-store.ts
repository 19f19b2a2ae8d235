import type { Block, BlockStore } from '@parley/core';

const key = (blockerId: string, blockedId: string) => `${blockerId}\u0000${blockedId}`;

export class InMemoryBlockStore implements BlockStore {
  private readonly blocks = new Map<string, Block>();

  async add(block: Block): Promise<boolean> {
    const k = key(block.blockerId, block.blockedId);
    if (this.blocks.has(k)) return false;
    this.blocks.set(k, { ...block });
    return true;
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    return this.blocks.delete(key(blockerId, blockedId));
  }

  async between(a: string, b: string): Promise<boolean> {
    return this.blocks.has(key(a, b)) || this.blocks.has(key(b, a));
  }

  async blockersOf(userId: string, among: readonly string[]): Promise<string[]> {
    return [...new Set(among)].filter((candidate) => this.blocks.has(key(candidate, userId)));
  }

  async list(blockerId: string, limit: number): Promise<Block[]> {
    return [...this.blocks.values()]
      .filter((b) => b.blockerId === blockerId)
      .sort((x, y) => y.createdAt.getTime() - x.createdAt.getTime() || (x.blockedId < y.blockedId ? 1 : -1))
      .slice(0, limit)
      .map((b) => ({ ...b }));
  }
}
