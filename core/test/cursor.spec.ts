import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../src/shared/cursor.js';

describe('cursors', () => {
  it('round-trip strings and numbers, including non-ASCII', () => {
    const parts = [1767225600000, 'id-é-✓'];
    expect(decodeCursor(encodeCursor(parts))).toEqual(parts);
  });

  it('are URL-safe', () => {
    expect(encodeCursor(['??>>~~', 99999])).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each(['', 'not base64!', 'e30', encodeCursor([]).slice(1)])('decode garbage %j to null, never throw', (text) => {
    const decoded = decodeCursor(text);
    expect(decoded === null || Array.isArray(decoded)).toBe(true);
  });

  it('rejects cursors holding objects', () => {
    expect(decodeCursor(btoa(JSON.stringify([{ $gt: 1 }])).replace(/=+$/, ''))).toBeNull();
  });
});
