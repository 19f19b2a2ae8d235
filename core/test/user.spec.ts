import { describe, expect, it } from 'vitest';
import { validateRegistration } from '../src/modules/identity/index.js';

const valid = { email: 'Ann@Example.TEST ', username: 'Ann_1', password: 'correct horse', displayName: 'Ann' };

describe('validateRegistration', () => {
  it('normalizes email and username to lower case', () => {
    const result = validateRegistration(valid);
    expect(result.ok && result.value).toMatchObject({ email: 'ann@example.test', username: 'ann_1' });
  });

  it('defaults the display name to the username', () => {
    const result = validateRegistration({ ...valid, displayName: undefined });
    expect(result.ok && result.value.displayName).toBe('Ann_1');
  });

  it('reports every bad field at once', () => {
    const result = validateRegistration({ email: 'nope', username: 'a b', password: 'short' });
    expect(result.ok ? [] : result.error.details.map((d) => d.field)).toEqual(['email', 'username', 'password']);
  });

  it('takes passwords of 8-256 characters, counted as characters (hashers take any byte length)', () => {
    expect(validateRegistration({ ...valid, password: 'é'.repeat(40) }).ok).toBe(true);
    expect(validateRegistration({ ...valid, password: '😀'.repeat(8) }).ok).toBe(true);
    expect(validateRegistration({ ...valid, password: '😀'.repeat(7) }).ok).toBe(false);
    expect(validateRegistration({ ...valid, password: 'x'.repeat(257) }).ok).toBe(false);
  });

  it('refuses non-string input without throwing', () => {
    expect(validateRegistration({ email: 42, username: {}, password: [] }).ok).toBe(false);
  });
});
