import { describe, expect, it } from 'vitest';
import { clone, frozenClone } from './clone.js';

const record = () => ({
  id: 'm1',
  content: 'héllo 👋',
  createdAt: new Date('2026-03-01T00:00:00.123Z'),
  editedAt: null,
  missing: undefined,
  count: 3,
  flags: [true, false],
  metadata: {
    mentions: ['u1', 'u2'],
    links: [{ url: 'https://x.test', at: new Date(0) }],
    nested: { deep: { er: 1 } },
  },
});

describe('clone (the memory stores copy what they keep and hand out)', () => {
  it('copies plain data as structuredClone does', () => {
    const value = record();
    expect(clone(value)).toStrictEqual(structuredClone(value));
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": [1, {"b": null}]}') as Record<string, unknown>;
    const copied = clone(parsed);
    expect(copied).toStrictEqual(structuredClone(parsed));
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.keys(copied)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shares nothing with the original: changing either leaves the other as it was', () => {
    const value = record();
    const copied = clone(value);
    copied.metadata.mentions.push('u3');
    copied.metadata.links[0]!.at.setTime(5);
    copied.createdAt.setTime(7);
    expect(value).toStrictEqual(record());
    value.metadata.nested.deep.er = 2;
    expect(copied.metadata.nested.deep.er).toBe(1);
  });

  it('frozenClone: the same copy, frozen throughout, with the extra fields on top; the original stays unfrozen', () => {
    const value = record();
    const stored = frozenClone(value, { seq: 7 });
    expect(stored).toStrictEqual({ ...structuredClone(value), seq: 7 });
    const frozen = (v: unknown): boolean =>
      typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(frozen));
    expect(frozen(stored)).toBe(true);
    expect(Object.isFrozen(value) || Object.isFrozen(value.metadata) || Object.isFrozen(value.createdAt)).toBe(false);
    expect(() => (stored.metadata.mentions as string[]).push('u3')).toThrow(TypeError);
    const odd = frozenClone({ tags: new Map([['a', 1]]) });
    expect(Object.isFrozen(odd.tags)).toBe(true);
  });

  it('hands anything but plain data, and structures deeper than any record, to structuredClone', () => {
    const value = { tags: new Map([['a', new Set([1])]]), bytes: new Uint8Array([1, 2]), at: new Date(1) };
    const copied = clone(value);
    expect(copied).toStrictEqual(structuredClone(value));
    expect(copied.tags).not.toBe(value.tags);
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const deep = clone({ cyclic });
    expect((deep.cyclic.self as Record<string, unknown>).name).toBe('loop');
    expect(deep.cyclic).not.toBe(cyclic);
  });
});
