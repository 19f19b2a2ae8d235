import type { ContentFilter, ContentFilterStore } from '@parley/core';

export class InMemoryContentFilterStore implements ContentFilterStore {
  private readonly filters = new Map<string, ContentFilter>();

  async add(filter: ContentFilter): Promise<boolean> {
    for (const f of this.filters.values()) if (f.kind === filter.kind && f.pattern === filter.pattern) return false;
    this.filters.set(filter.id, structuredClone(filter));
    return true;
  }

  async remove(id: string): Promise<boolean> {
    return this.filters.delete(id);
  }

  async list(): Promise<ContentFilter[]> {
    return [...this.filters.values()].map((f) => structuredClone(f));
  }
}
