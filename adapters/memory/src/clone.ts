/** Stores hand out copies so callers can never mutate stored state behind the store's back. */
export const clone = <T>(value: T): T => structuredClone(value);

export const byDateDescThenIdDesc = <T extends { createdAt: Date; id: string }>(a: T, b: T): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const isBefore = (row: { createdAt: Date; id: string }, cursor?: { createdAt: Date; id: string }): boolean =>
  !cursor ||
  row.createdAt.getTime() < cursor.createdAt.getTime() ||
  (row.createdAt.getTime() === cursor.createdAt.getTime() && row.id < cursor.id);
