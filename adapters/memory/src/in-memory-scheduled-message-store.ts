import type { ScheduledMessage, ScheduledMessageStore } from '@parley/core';
import { clone } from './clone.js';

const soonest = (a: ScheduledMessage, b: ScheduledMessage) =>
  a.sendAt.getTime() - b.sendAt.getTime() || (a.id < b.id ? -1 : 1);

export class InMemoryScheduledMessageStore implements ScheduledMessageStore {
  private readonly rows = new Map<string, ScheduledMessage & { settledAt: Date | null }>();

  async create(message: ScheduledMessage): Promise<void> {
    this.rows.set(message.id, { ...clone(message), settledAt: null });
  }

  async findById(id: string): Promise<ScheduledMessage | null> {
    const row = this.rows.get(id);
    return row ? this.out(row) : null;
  }

  async listScheduled(senderId: string, conversationId: string): Promise<ScheduledMessage[]> {
    return [...this.rows.values()]
      .filter((r) => r.state === 'scheduled' && r.senderId === senderId && r.conversationId === conversationId)
      .sort(soonest)
      .map((r) => this.out(r));
  }

  async reschedule(
    id: string,
    patch: { content?: string | null; sendAt?: Date; updatedAt: Date },
  ): Promise<ScheduledMessage | null> {
    const row = this.rows.get(id);
    if (!row || row.state !== 'scheduled') return null;
    Object.assign(row, clone(patch));
    return this.out(row);
  }

  async settle(id: string, outcome: 'sent' | 'cancelled', at: Date): Promise<boolean> {
    const row = this.rows.get(id);
    if (!row || row.state !== 'scheduled') return false;
    Object.assign(row, { state: outcome, settledAt: at });
    return true;
  }

  async listDue(now: Date, limit: number): Promise<ScheduledMessage[]> {
    return [...this.rows.values()]
      .filter((r) => r.state === 'scheduled' && r.sendAt <= now)
      .sort(soonest)
      .slice(0, limit)
      .map((r) => this.out(r));
  }

  async listUndelivered(before: Date, limit: number): Promise<ScheduledMessage[]> {
    return [...this.rows.values()]
      .filter((r) => r.state === 'sent' && r.messageId === null && r.settledAt! < before)
      .sort(soonest)
      .slice(0, limit)
      .map((r) => this.out(r));
  }

  async recordDelivery(id: string, outcome: { messageId: string } | { failure: string }): Promise<void> {
    const row = this.rows.get(id);
    if (!row) return;
    if ('messageId' in outcome) row.messageId = outcome.messageId;
    else Object.assign(row, { state: 'failed', failure: outcome.failure });
  }

  private out(row: ScheduledMessage & { settledAt: Date | null }): ScheduledMessage {
    const { settledAt: _settledAt, ...message } = clone(row);
    return message;
  }
}
