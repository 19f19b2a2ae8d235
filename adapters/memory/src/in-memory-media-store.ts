import type { Media, MediaStore } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryMediaStore implements MediaStore {
  private readonly byId = new Map<string, Media>();

  async create(media: Media): Promise<void> {
    this.byId.set(media.id, clone(media));
  }

  async findById(id: string): Promise<Media | null> {
    const media = this.byId.get(id);
    return media ? clone(media) : null;
  }

  async findManyByIds(ids: readonly string[]): Promise<Media[]> {
    return [...new Set(ids)].flatMap((id) => (this.byId.has(id) ? [clone(this.byId.get(id)!)] : []));
  }

  async update(
    id: string,
    patch: Partial<Omit<Media, 'id' | 'ownerId' | 'createdAt'>>,
    expectStatus?: Media['status'],
  ): Promise<Media | null> {
    const media = this.byId.get(id);
    if (!media || (expectStatus !== undefined && media.status !== expectStatus)) return null;
    Object.assign(media, clone(patch));
    return clone(media);
  }

  async markShared(id: string, conversationId: string, at: Date): Promise<void> {
    const media = this.byId.get(id);
    if (!media) return;
    if (!media.sharedIn.includes(conversationId)) media.sharedIn.push(conversationId);
    media.attachedAt ??= at;
  }

  async listUnattachedBefore(before: Date, limit: number): Promise<Media[]> {
    return [...this.byId.values()]
      .filter((m) => m.attachedAt === null && m.createdAt < before)
      .slice(0, limit)
      .map(clone);
  }

  async listAwaitingJob(before: Date, limit: number): Promise<Media[]> {
    return [...this.byId.values()]
      .filter((m) => m.status === 'uploaded' && m.jobPending === true && m.updatedAt < before)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .slice(0, limit)
      .map(clone);
  }

  async listByOwner(ownerId: string): Promise<Media[]> {
    return [...this.byId.values()].filter((m) => m.ownerId === ownerId).map(clone);
  }

  async delete(id: string): Promise<void> {
    this.byId.delete(id);
  }
}
