import type { Db, Document } from 'mongodb';
import type {
  IntegrationWebhook,
  IntegrationWebhookStore,
  WebhookCursor,
  WebhookDeliveryLog,
  WebhookFailure,
  WebhookPatch,
} from '@parley/core';
import { fromDoc, insertUnlessExists, toDoc } from './support.js';

/** One document per webhook in `integration_webhooks` (few; read by `_id`, and the active ones by `state`). */
export class MongoIntegrationWebhookStore implements IntegrationWebhookStore {
  private readonly webhooks;

  constructor(db: Db) {
    this.webhooks = db.collection<Document>('integration_webhooks');
  }

  async create(webhook: IntegrationWebhook): Promise<void> {
    await this.webhooks.insertOne(toDoc(webhook));
  }

  async findById(id: string): Promise<IntegrationWebhook | null> {
    return fromDoc<IntegrationWebhook>(await this.webhooks.findOne({ _id: id as never }));
  }

  async list(query: { afterId?: string; limit: number }): Promise<IntegrationWebhook[]> {
    const docs = await this.webhooks
      .find(query.afterId ? { _id: { $gt: query.afterId as never } } : {})
      .sort({ _id: 1 })
      .limit(query.limit)
      .toArray();
    return docs.map((d) => fromDoc<IntegrationWebhook>(d)!);
  }

  async listActive(): Promise<IntegrationWebhook[]> {
    return (await this.webhooks.find({ state: 'active' }).toArray()).map((d) => fromDoc<IntegrationWebhook>(d)!);
  }

  async update(id: string, patch: WebhookPatch): Promise<IntegrationWebhook | null> {
    return fromDoc<IntegrationWebhook>(
      await this.webhooks.findOneAndUpdate({ _id: id as never }, { $set: patch }, { returnDocument: 'after' }),
    );
  }

  async delete(id: string): Promise<boolean> {
    return (await this.webhooks.deleteOne({ _id: id as never })).deletedCount === 1;
  }
}

type CursorDoc = WebhookCursor & { _id: string };
const toCursor = ({ _id, ...rest }: CursorDoc): WebhookCursor => rest;

/**
 * Cursors in `webhook_cursors` under `_id` `<webhook>|<conversation>` (a start is an insert under it: one wins),
 * replaced by the round holding the pair's lease; platform marks in `webhook_marks` (moved forward by a
 * conditional update, or the first insert); failures appended to `webhook_failures`.
 */
export class MongoWebhookDeliveryLog implements WebhookDeliveryLog {
  private readonly cursorDocs;
  private readonly marks;
  private readonly failureDocs;

  constructor(db: Db) {
    this.cursorDocs = db.collection<CursorDoc>('webhook_cursors');
    this.marks = db.collection<{ _id: string; at: Date }>('webhook_marks');
    this.failureDocs = db.collection<Document>('webhook_failures');
  }

  async cursor(webhookId: string, conversationId: string): Promise<WebhookCursor | null> {
    const doc = await this.cursorDocs.findOne({ _id: `${webhookId}|${conversationId}` });
    return doc ? toCursor(doc) : null;
  }

  async start(cursor: WebhookCursor): Promise<WebhookCursor> {
    const _id = `${cursor.webhookId}|${cursor.conversationId}`;
    if (await insertUnlessExists(this.cursorDocs as never, { _id, ...cursor })) return cursor;
    return toCursor((await this.cursorDocs.findOne({ _id }))!);
  }

  async save(cursor: WebhookCursor): Promise<void> {
    const _id = `${cursor.webhookId}|${cursor.conversationId}`;
    await this.cursorDocs.replaceOne({ _id }, cursor, { upsert: true });
  }

  async cursors(webhookId: string, query: { afterConversationId?: string; limit: number }): Promise<WebhookCursor[]> {
    const after = query.afterConversationId;
    const docs = await this.cursorDocs
      .find({ webhookId, ...(after ? { conversationId: { $gt: after } } : {}) })
      .sort({ conversationId: 1 })
      .limit(query.limit)
      .toArray();
    return docs.map(toCursor);
  }

  async sweptThrough(webhookId: string): Promise<Date | null> {
    return (await this.marks.findOne({ _id: webhookId }))?.at ?? null;
  }

  async markSwept(webhookId: string, at: Date): Promise<void> {
    const moved = await this.marks.updateOne({ _id: webhookId, at: { $lt: at } }, { $set: { at } });
    if (moved.matchedCount === 0) await insertUnlessExists(this.marks as never, { _id: webhookId, at });
  }

  async recordFailure(failure: WebhookFailure): Promise<void> {
    await this.failureDocs.insertOne(toDoc(failure));
  }

  async failures(webhookId: string, limit: number): Promise<WebhookFailure[]> {
    const docs = await this.failureDocs.find({ webhookId }).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    return docs.map((d) => fromDoc<WebhookFailure>(d)!);
  }

  async forget(webhookId: string): Promise<void> {
    await this.cursorDocs.deleteMany({ webhookId });
    await this.marks.deleteOne({ _id: webhookId });
    await this.failureDocs.deleteMany({ webhookId });
  }
}
