import { describe, expect, it } from 'vitest';
import { fromDomain, parleyText } from './telegram.js';

describe('parleyText', () => {
  it("turns HTML's styles into Parley's markdown, drops other tags and decodes references", () => {
    expect(
      parleyText('<b>bold</b>, <em>it</em>, <code>x&lt;1</code> <u>u</u> <a href="https://x.test">a</a>', 'HTML'),
    ).toEqual({ content: '**bold**, __it__, `x<1` u a', parseMode: 'markdown' });
    expect(parleyText('Tom &amp; Jerry &#128512;', 'html').content).toBe('Tom & Jerry 😀');
  });

  it("turns MarkdownV2's styles into Parley's markdown and undoes its escapes", () => {
    expect(parleyText('*bold* _it_ `code` ```pre``` 1\\.5 a\\_b ~gone~', 'MarkdownV2')).toEqual({
      content: '**bold** __it__ `code` ```pre``` 1.5 a_b gone',
      parseMode: 'markdown',
    });
  });

  it('leaves text without a parse mode as it is', () => {
    expect(parleyText('*not bold* <b>', undefined)).toEqual({ content: '*not bold* <b>', parseMode: 'plain' });
  });
});

describe('fromDomain', () => {
  it('words failures as Telegram does, with retry_after for 429', () => {
    expect(
      fromDomain({ type: 'RateLimited', code: 'rate_limited', message: 'slow', retryAfterMs: 2500 }),
    ).toMatchObject({
      code: 429,
      retryAfter: 3,
    });
    expect(fromDomain({ type: 'Unauthenticated', code: 'x', message: 'x' }).description).toBe('Unauthorized');
    expect(
      fromDomain({
        type: 'ValidationFailed',
        code: 'validation_failed',
        message: '',
        details: [{ field: 'text', message: 'is required' }],
      }).description,
    ).toBe('Bad Request: text is required');
  });
});
