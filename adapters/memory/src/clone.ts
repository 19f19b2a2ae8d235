import { deepFreeze } from '@parley/core';

/**
 * Stores hand out copies so callers can never mutate stored state behind the store's back. What they store is plain
 * data (objects, arrays, Dates, primitives), which is copied by hand: `structuredClone` serialises and deserialises
 * its argument, and it was most of the cost of storing a message in the embedded default (a send's profile:
 * `clone` a third of the use case, and the garbage it left a fifth of the process). Anything else (a Map, a typed
 * array, an object of a class, a structure deeper than any record) goes through `structuredClone`, whose result is
 * the same for plain data: `clone.spec.ts` compares the two.
 */
export const clone = <T>(value: T): T => copy(value, 0, false) as T;

/**
 * A copy that is frozen throughout (as `deepFreeze` of a `clone`, in one walk), with `extra` fields added at the top:
 * what the stores keep and share read-only.
 */
export const frozenClone = <T extends object, E extends object = object>(value: T, extra?: E): T & E =>
  copy(value, 0, true, extra) as T & E;

const MAX_DEPTH = 64;

function copy(value: unknown, depth: number, freeze: boolean, extra?: object): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return done(structuredClone(value), freeze);
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i += 1) out[i] = copy(value[i], depth + 1, freeze);
    return freeze ? Object.freeze(out) : out;
  }
  if (value instanceof Date) {
    const out = new Date(value.getTime());
    return freeze ? Object.freeze(out) : out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return done(structuredClone(value), freeze);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copy((value as Record<string, unknown>)[key], depth + 1, freeze);
    // An own "__proto__" (JSON.parse makes one) stays a property, as structuredClone keeps it, not a prototype.
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  if (extra) Object.assign(out, extra);
  return freeze ? Object.freeze(out) : out;
}

const done = (value: unknown, freeze: boolean) => (freeze ? deepFreeze(value) : value);

export const byDateDescThenIdDesc = <T extends { createdAt: Date; id: string }>(a: T, b: T): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export const isBefore = (row: { createdAt: Date; id: string }, cursor?: { createdAt: Date; id: string }): boolean =>
  !cursor ||
  row.createdAt.getTime() < cursor.createdAt.getTime() ||
  (row.createdAt.getTime() === cursor.createdAt.getTime() && row.id < cursor.id);
