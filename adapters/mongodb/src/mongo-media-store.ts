import type { Db, Document } from 'mongodb';
import type { Media, MediaStore } from '@parley/core';
import { fromDoc, toDoc, type WriteGuard } from './support.js';

export class MongoMediaStore implements MediaStore {
  private readonly media;

  constructor(
    db: Db,
    private readonly guard: WriteGuard,
  ) {
    this.media = db.collection('media');
  }

  async create(media: Media): Promise<void> {
    await this.media.insertOne(toDoc(media));
  }

  async findById(id: string): Promise<Media | null> {
    return fromDoc<Media>(await this.media.findOne({ _id: id as never }));
  }

  async findManyByIds(ids: readonly string[]): Promise<Media[]> {
    return (await this.media.find({ _id: { $in: [...ids] as never[] } }).toArray()).map((d) => fromDoc<Media>(d)!);
  }

  async update(
    id: string,
    patch: Partial<Omit<Media, 'id' | 'ownerId' | 'createdAt'>>,
    expectStatus?: Media['status'],
  ): Promise<Media | null> {
    const filter: Document = { _id: id };
    if (expectStatus !== undefined) filter.status = expectStatus;
    return this.guard.run(`media:${id}`, async () =>
      fromDoc<Media>(
        await this.media.findOneAndUpdate(filter, { $set: patch as Document }, { returnDocument: 'after' }),
      ),
    );
  }

  async markShared(id: string, conversationId: string, at: Date): Promise<void> {
    await this.guard.run(`media:${id}`, async () => {
      await this.media.updateOne({ _id: id as never }, { $addToSet: { sharedIn: conversationId } as never });
      await this.media.updateOne({ _id: id as never, attachedAt: null }, { $set: { attachedAt: at } });
    });
  }

  async listUnattachedBefore(before: Date, limit: number): Promise<Media[]> {
    return (
      await this.media
        .find({ attachedAt: null, createdAt: { $lt: before } })
        .limit(limit)
        .toArray()
    ).map((d) => fromDoc<Media>(d)!);
  }

  async listAwaitingJob(before: Date, limit: number): Promise<Media[]> {
    return (
      await this.media
        .find({ status: 'uploaded', jobPending: true, updatedAt: { $lt: before } })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .toArray()
    ).map((d) => fromDoc<Media>(d)!);
  }

  async listByOwner(ownerId: string): Promise<Media[]> {
    return (await this.media.find({ ownerId }).toArray()).map((d) => fromDoc<Media>(d)!);
  }

  async delete(id: string): Promise<void> {
    await this.media.deleteOne({ _id: id as never });
  }
}
