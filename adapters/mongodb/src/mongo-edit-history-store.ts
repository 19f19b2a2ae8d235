import type { Db } from 'mongodb';
import type { EditHistoryStore, MessageVersion, MessageVersionDraft } from '@parley/core';
import { insertNext, stripId } from './support.js';

/** One document per version, `_id` (message, version): the unique _id keeps numbers dense under races. */
export class MongoEditHistoryStore implements EditHistoryStore {
  private readonly versions;

  constructor(db: Db) {
    this.versions = db.collection('message_versions');
  }

  async append(draft: MessageVersionDraft): Promise<MessageVersion> {
    return insertNext(
      this.versions,
      { messageId: draft.messageId },
      'version',
      (version) => ({ _id: `${draft.messageId}:${version}`, ...draft, version }),
      (doc) => stripId<MessageVersion>(doc)!,
    );
  }

  async list(messageId: string): Promise<MessageVersion[]> {
    return (await this.versions.find({ messageId }).sort({ version: 1 }).toArray()).map((d) =>
      stripId<MessageVersion>(d)!,
    );
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    return (await this.versions.deleteMany({ messageId })).deletedCount;
  }
}
