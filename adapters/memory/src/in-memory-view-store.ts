import type { ViewStore } from '@parley/core';

export class InMemoryViewStore implements ViewStore {
  /** messageId -> who saw it. */
  private readonly viewers = new Map<string, Set<string>>();

  async record(_conversationId: string, userId: string, messageIds: readonly string[]): Promise<string[]> {
    const counted: string[] = [];
    for (const id of new Set(messageIds)) {
      let seen = this.viewers.get(id);
      if (!seen) this.viewers.set(id, (seen = new Set()));
      if (seen.has(userId)) continue;
      seen.add(userId);
      counted.push(id);
    }
    return counted;
  }

  async count(messageIds: readonly string[]): Promise<Map<string, number>> {
    return new Map(messageIds.filter((id) => this.viewers.get(id)?.size).map((id) => [id, this.viewers.get(id)!.size]));
  }
}
