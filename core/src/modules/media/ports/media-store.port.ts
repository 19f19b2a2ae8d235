import type { Media } from '../domain/media.js';

export const MediaStore = Symbol.for('MediaStore');

export interface MediaStore {
  /** Inserts a media record. */
  create(media: Media): Promise<void>;
  /** The record, or null. */
  findById(id: string): Promise<Media | null>;
  /** The records with these ids that exist. */
  findManyByIds(ids: readonly string[]): Promise<Media[]>;
  /** Applies the patch atomically; when `expectStatus` is given, only if the record is in that status. */
  update(
    id: string,
    patch: Partial<Omit<Media, 'id' | 'ownerId' | 'createdAt'>>,
    expectStatus?: Media['status'],
  ): Promise<Media | null>;
  /** Adds the conversation to sharedIn and sets attachedAt if unset; idempotent. */
  markShared(id: string, conversationId: string, at: Date): Promise<void>;
  /** Records never attached and created before the date, at most `limit`. */
  listUnattachedBefore(before: Date, limit: number): Promise<Media[]>;
  /**
   * 'uploaded' records whose job is pending (see Media.jobPending) since before the date, oldest first, at most
   * `limit`.
   */
  listAwaitingJob(before: Date, limit: number): Promise<Media[]>;
  /** Every record of the owner. */
  listByOwner(ownerId: string): Promise<Media[]>;
  /** Removes the record; idempotent. */
  delete(id: string): Promise<void>;
}
