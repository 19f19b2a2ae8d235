import { describe, expect, it } from 'vitest';
import { CURSOR_PATTERNS, decodeCursor, encodeCursor } from '../src/shared/cursor.js';

describe('cursors', () => {
  it('round-trip whole numbers and ids', () => {
    const parts = [1767225600000, '01a2-b3_C'];
    expect(decodeCursor(encodeCursor(parts))).toEqual(parts);
  });

  it('are URL-safe and match the pattern the API document states', () => {
    expect(encodeCursor([1767225600000, '01a21363-a48e-7000-a197-ffe09c21fa5a'])).toMatch(
      new RegExp(CURSOR_PATTERNS.timeAndId),
    );
    expect(encodeCursor(['b', 42])).toMatch(new RegExp(CURSOR_PATTERNS.history));
    expect(encodeCursor(['s1', 1767225600000])).toMatch(new RegExp(CURSOR_PATTERNS.sync));
  });

  it('refuse parts they could not decode back the same', () => {
    expect(() => encodeCursor(['a.b'])).toThrow();
    expect(() => encodeCursor(['123'])).toThrow();
    expect(() => encodeCursor([-1])).toThrow();
  });

  it.each(['', 'not base64!', 'a..b', 'x'.repeat(400), 'é'])('decode garbage %j to null, never throw', (text) => {
    expect(decodeCursor(text)).toBeNull();
  });

  it('decode every string of a documented shape', () => {
    expect(decodeCursor('12.abc')).toEqual([12, 'abc']);
    expect(decodeCursor('a.7')).toEqual(['a', 7]);
  });
});
