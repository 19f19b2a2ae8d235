import type { ContentFilter } from '../domain/content-filter.js';

export const ContentFilterStore = Symbol.for('ContentFilterStore');

/**
 * The platform's word and link filters (a few hundred rows at most). Every send reads them through the
 * AccessView, which caches the list and drops it on every node when `add` or `remove` is acknowledged.
 */
export interface ContentFilterStore {
  /** Stores the filter; false (and nothing stored) when one of the same kind and pattern exists. */
  add(filter: ContentFilter): Promise<boolean>;
  /** Removes it; false when there was none. */
  remove(id: string): Promise<boolean>;
  /** Every filter, oldest first. */
  list(): Promise<ContentFilter[]>;
}
