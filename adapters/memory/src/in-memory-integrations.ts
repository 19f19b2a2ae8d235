import type {
  IntegrationWebhook,
  IntegrationWebhookStore,
  WebhookCursor,
  WebhookDeliveryLog,
  WebhookFailure,
  WebhookPatch,
} from '@parley/core';

const copy = <T>(value: T): T => structuredClone(value);

export class InMemoryIntegrationWebhookStore implements IntegrationWebhookStore {
  private readonly webhooks = new Map<string, IntegrationWebhook>();

  async create(webhook: IntegrationWebhook): Promise<void> {
    this.webhooks.set(webhook.id, copy(webhook));
  }

  async findById(id: string): Promise<IntegrationWebhook | null> {
    const found = this.webhooks.get(id);
    return found ? copy(found) : null;
  }

  async list(query: { afterId?: string; limit: number }): Promise<IntegrationWebhook[]> {
    return [...this.webhooks.values()]
      .filter((w) => !query.afterId || w.id > query.afterId)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, query.limit)
      .map(copy);
  }

  async listActive(): Promise<IntegrationWebhook[]> {
    return [...this.webhooks.values()].filter((w) => w.state === 'active').map(copy);
  }

  async update(id: string, patch: WebhookPatch): Promise<IntegrationWebhook | null> {
    const found = this.webhooks.get(id);
    if (!found) return null;
    const updated = { ...found, ...copy(patch) };
    this.webhooks.set(id, updated);
    return copy(updated);
  }

  async delete(id: string): Promise<boolean> {
    return this.webhooks.delete(id);
  }
}

export class InMemoryWebhookDeliveryLog implements WebhookDeliveryLog {
  private readonly cursorsByPair = new Map<string, WebhookCursor>();
  private readonly marks = new Map<string, Date>();
  private readonly failed: WebhookFailure[] = [];

  async cursor(webhookId: string, conversationId: string): Promise<WebhookCursor | null> {
    const found = this.cursorsByPair.get(`${webhookId}:${conversationId}`);
    return found ? copy(found) : null;
  }

  async start(cursor: WebhookCursor): Promise<WebhookCursor> {
    const key = `${cursor.webhookId}:${cursor.conversationId}`;
    if (!this.cursorsByPair.has(key)) this.cursorsByPair.set(key, copy(cursor));
    return copy(this.cursorsByPair.get(key)!);
  }

  async save(cursor: WebhookCursor): Promise<void> {
    this.cursorsByPair.set(`${cursor.webhookId}:${cursor.conversationId}`, copy(cursor));
  }

  async cursors(webhookId: string, query: { afterConversationId?: string; limit: number }): Promise<WebhookCursor[]> {
    const after = query.afterConversationId;
    return [...this.cursorsByPair.values()]
      .filter((c) => c.webhookId === webhookId && (!after || c.conversationId > after))
      .sort((a, b) => (a.conversationId < b.conversationId ? -1 : 1))
      .slice(0, query.limit)
      .map(copy);
  }

  async sweptThrough(webhookId: string): Promise<Date | null> {
    const mark = this.marks.get(webhookId);
    return mark ? new Date(mark) : null;
  }

  async markSwept(webhookId: string, at: Date): Promise<void> {
    const mark = this.marks.get(webhookId);
    if (!mark || at > mark) this.marks.set(webhookId, new Date(at));
  }

  async recordFailure(failure: WebhookFailure): Promise<void> {
    this.failed.push(copy(failure));
  }

  async failures(webhookId: string, limit: number): Promise<WebhookFailure[]> {
    return this.failed
      .filter((f) => f.webhookId === webhookId)
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1))
      .slice(0, limit)
      .map(copy);
  }

  async forget(webhookId: string): Promise<void> {
    for (const [key, cursor] of this.cursorsByPair) if (cursor.webhookId === webhookId) this.cursorsByPair.delete(key);
    this.marks.delete(webhookId);
    for (let i = this.failed.length - 1; i >= 0; i -= 1)
      if (this.failed[i]!.webhookId === webhookId) this.failed.splice(i, 1);
  }
}
