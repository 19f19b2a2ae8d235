import { describe, expect, it } from 'vitest';
import { catches, readFilterSpec, screen, type ContentFilter, type FilterSpec } from '../src/index.js';

const spec = (input: Record<string, unknown>): FilterSpec => {
  const read = readFilterSpec(input);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
};
const word = (pattern: string) => spec({ kind: 'word', pattern });
const link = (pattern: string) => spec({ kind: 'link', pattern });
const hits = (filter: FilterSpec, text: string) => catches(filter, { texts: [text] });

describe('content filters', () => {
  it('a word filter catches the whole word in any case and width, not a longer word', () => {
    const casino = word('Casino');
    expect(hits(casino, 'Best CASINO in town')).toBe(true);
    expect(hits(casino, 'ｃａｓｉｎｏ tonight')).toBe(true);
    expect(hits(casino, 'casino!')).toBe(true);
    expect(hits(casino, 'casinos and more')).toBe(false);
    expect(hits(casino, 'minicasino')).toBe(false);
  });

  it('a trailing star catches any ending; a phrase matches across spaces and punctuation', () => {
    expect(hits(word('spam*'), 'a spammer here')).toBe(true);
    expect(hits(word('spam*'), 'antispam')).toBe(false);
    expect(hits(word('buy now'), 'BUY,   now!')).toBe(true);
    expect(hits(word('buy now'), 'buy nowhere')).toBe(false);
  });

  it('a link filter catches the host and its subdomains, with or without a scheme, not look-alikes', () => {
    const spam = link('https://Spam.Example/path');
    expect(spam.pattern).toBe('spam.example');
    expect(hits(spam, 'see https://www.spam.example/offer')).toBe(true);
    expect(hits(spam, 'go to spam.example now')).toBe(true);
    expect(hits(spam, 'http://spam.example:8080')).toBe(true);
    expect(hits(spam, 'notspam.example')).toBe(false);
    expect(hits(spam, 'spam.example.org')).toBe(false);
    expect(hits(spam, 'spam.examples')).toBe(false);
    expect(hits(spam, 'Try spam.example.')).toBe(true);
  });

  it('refuses patterns it cannot match', () => {
    expect(readFilterSpec({ kind: 'link', pattern: 'not a host' }).ok).toBe(false);
    expect(readFilterSpec({ kind: 'word', pattern: '!!!' }).ok).toBe(false);
    expect(readFilterSpec({ kind: 'word', pattern: '' }).ok).toBe(false);
    expect(readFilterSpec({ kind: 'phrase', pattern: 'x' }).ok).toBe(false);
    expect(readFilterSpec({ pattern: 'x', action: 'delete' }).ok).toBe(false);
    expect(readFilterSpec({ pattern: 'Two  Words ' })).toMatchObject({ ok: true, value: { pattern: 'two words' } });
  });

  it('a blocking filter wins over a holding one; every filter that caught is named', () => {
    const filters: ContentFilter[] = [
      { ...spec({ pattern: 'casino', action: 'hold' }), id: 'f1', createdBy: 'mo', createdAt: new Date() },
      { ...spec({ kind: 'link', pattern: 'spam.example' }), id: 'f2', createdBy: 'mo', createdAt: new Date() },
    ];
    expect(screen(filters, { texts: ['hello'] })).toBeNull();
    expect(screen(filters, { texts: ['casino'] })).toEqual({ action: 'hold', filterIds: ['f1'] });
    expect(screen(filters, { texts: [null, 'casino at spam.example'] })).toEqual({
      action: 'block',
      filterIds: ['f1', 'f2'],
    });
  });
});
