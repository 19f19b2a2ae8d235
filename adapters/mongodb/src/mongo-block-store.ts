import type { Db } from 'mongodb';
import type { Block, BlockStore } from '@parley/core';
import { insertUnlessExists, stripId } from './support.js';

const key = (blockerId: string, blockedId: string) => `${blockerId}:${blockedId}`;

/** One document per block, its `_id` the (blocker, blocked) pair: blocking twice is a duplicate key. */
export class MongoBlockStore implements BlockStore {
  private readonly blocks;

  constructor(db: Db) {
    this.blocks = db.collection('blocks');
  }

  async add(block: Block): Promise<boolean> {
    return insertUnlessExists(this.blocks, { _id: key(block.blockerId, block.blockedId) as never, ...block });
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    return (await this.blocks.deleteOne({ _id: key(blockerId, blockedId) as never })).deletedCount === 1;
  }

  async between(a: string, b: string): Promise<boolean> {
    // Two point reads by `_id` (equality: FerretDB pushes them down; an `$in` it would decode over the collection).
    const [one, other] = await Promise.all([
      this.blocks.findOne({ _id: key(a, b) as never }, { projection: { _id: 1 } }),
      this.blocks.findOne({ _id: key(b, a) as never }, { projection: { _id: 1 } }),
    ]);
    return one !== null || other !== null;
  }

  async blockersOf(userId: string, among: readonly string[]): Promise<string[]> {
    if (among.length === 0) return [];
    const ids = [...new Set(among)].map((candidate) => key(candidate, userId));
    const rows = await this.blocks.find({ _id: { $in: ids as never[] } }, { projection: { blockerId: 1 } }).toArray();
    return rows.map((row) => row.blockerId as string);
  }

  async list(blockerId: string, limit: number): Promise<Block[]> {
    const rows = await this.blocks.find({ blockerId }).sort({ createdAt: -1, blockedId: -1 }).limit(limit).toArray();
    return rows.map((row) => stripId<Block>(row)!);
  }
}
