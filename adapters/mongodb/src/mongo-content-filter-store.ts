import type { Db } from 'mongodb';
import type { ContentFilter, ContentFilterStore } from '@parley/core';
import { fromDoc, insertUnlessExists, toDoc } from './support.js';

/** One small document per filter, by `_id`; a unique (kind, pattern) index keeps a filter from being added twice. */
export class MongoContentFilterStore implements ContentFilterStore {
  private readonly filters;

  constructor(db: Db) {
    this.filters = db.collection('content_filters');
  }

  add(filter: ContentFilter): Promise<boolean> {
    return insertUnlessExists(this.filters, toDoc(filter));
  }

  async remove(id: string): Promise<boolean> {
    return (await this.filters.deleteOne({ _id: id as never })).deletedCount === 1;
  }

  async list(): Promise<ContentFilter[]> {
    return (await this.filters.find({}).sort({ _id: 1 }).toArray()).map((d) => fromDoc<ContentFilter>(d)!);
  }
}
