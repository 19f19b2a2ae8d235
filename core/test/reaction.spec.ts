import { describe, expect, it } from 'vitest';
import { validateEmoji } from '../src/modules/messaging/index.js';

describe('validateEmoji', () => {
  it.each(['👍', '❤️', '🎉', '👍🏽', '👩‍💻', '👨‍👩‍👧', '🇫🇷', '1️⃣', '#️⃣'])('accepts %s', (emoji) => {
    expect(validateEmoji(emoji)).toEqual({ ok: true, value: emoji });
  });

  it.each(['', 'ok', 'a', '👍👍', 'a👍', ' 👍', '🏽', '1', 42, null, '👍'.repeat(20)])('rejects %j', (value) => {
    const result = validateEmoji(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details[0]?.field).toBe('emoji');
  });
});
