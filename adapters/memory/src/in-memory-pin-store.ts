import type { Pin, PinStore } from '@parley/core';

/** Pins per conversation, in a Map keyed by message id. Pins are immutable values, handed out as stored. */
export class InMemoryPinStore implements PinStore {
  private readonly byConversation = new Map<string, Map<string, Readonly<Pin>>>();

  async add(pin: Pin): Promise<boolean> {
    let pins = this.byConversation.get(pin.conversationId);
    if (!pins) this.byConversation.set(pin.conversationId, (pins = new Map()));
    if (pins.has(pin.messageId)) return false;
    pins.set(pin.messageId, Object.freeze({ ...pin, pinnedAt: new Date(pin.pinnedAt) }));
    return true;
  }

  async remove(conversationId: string, messageId: string): Promise<boolean> {
    return this.byConversation.get(conversationId)?.delete(messageId) ?? false;
  }

  async list(conversationId: string, limit: number): Promise<Pin[]> {
    const pins = [...(this.byConversation.get(conversationId)?.values() ?? [])];
    return pins.sort((a, b) => b.pinnedAt.getTime() - a.pinnedAt.getTime() || b.seq - a.seq).slice(0, limit);
  }

  async count(conversationId: string): Promise<number> {
    return this.byConversation.get(conversationId)?.size ?? 0;
  }
}
