import { describe, expect, it } from 'vitest';
import { mentionedUsername, parseEntities } from '../src/modules/messaging/index.js';

describe('parseEntities', () => {
  it('finds mentions, links and hashtags in plain text, leaving the text as written', () => {
    const { text, entities } = parseEntities(
      'hi @dana, see https://parley.chat/docs #release_1 (not a#tag, not me@mail.com)',
      'plain',
    );
    expect(text).toBe('hi @dana, see https://parley.chat/docs #release_1 (not a#tag, not me@mail.com)');
    expect(entities).toEqual([
      { type: 'mention', offset: 3, length: 5 },
      { type: 'url', offset: 14, length: 24 },
      { type: 'hashtag', offset: 39, length: 10 },
    ]);
    expect(mentionedUsername(text, entities[0]!)).toBe('dana');
  });

  it('takes markdown markers out and marks bold, italic, code and pre', () => {
    const { text, entities } = parseEntities('**Note**: run `npm test` __now__\n```\n@not_a_mention\n```', 'markdown');
    expect(text).toBe('Note: run npm test now\n\n@not_a_mention\n');
    expect(entities).toEqual([
      { type: 'bold', offset: 0, length: 4 },
      { type: 'code', offset: 10, length: 8 },
      { type: 'italic', offset: 19, length: 3 },
      { type: 'pre', offset: 23, length: 16 },
    ]);
  });

  it('counts offsets in UTF-16 code units, as Telegram does', () => {
    const { entities } = parseEntities('🎉🎉 **yay** @ann', 'markdown');
    // Each 🎉 is two UTF-16 code units.
    expect(entities).toEqual([
      { type: 'bold', offset: 5, length: 3 },
      { type: 'mention', offset: 9, length: 4 },
    ]);
  });

  it('leaves markers alone in plain mode', () => {
    expect(parseEntities('**not bold**', 'plain')).toEqual({ text: '**not bold**', entities: [] });
  });
});
