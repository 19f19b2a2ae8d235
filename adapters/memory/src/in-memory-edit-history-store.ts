import type { EditHistoryStore, MessageVersion, MessageVersionDraft } from '@parley/core';
import { clone } from './clone.js';

export class InMemoryEditHistoryStore implements EditHistoryStore {
  private readonly byMessage = new Map<string, MessageVersion[]>();

  async append(draft: MessageVersionDraft): Promise<MessageVersion> {
    const versions = this.byMessage.get(draft.messageId) ?? [];
    const version = { ...clone(draft), version: versions.length + 1 };
    this.byMessage.set(draft.messageId, [...versions, version]);
    return clone(version);
  }

  async list(messageId: string): Promise<MessageVersion[]> {
    return (this.byMessage.get(messageId) ?? []).map(clone);
  }

  async removeAllForMessage(messageId: string): Promise<number> {
    const count = this.byMessage.get(messageId)?.length ?? 0;
    this.byMessage.delete(messageId);
    return count;
  }
}
