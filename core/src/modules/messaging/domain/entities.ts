/**
 * Message entities in Telegram's MessageEntity style: spans of a message's text, with offsets and lengths
 * in UTF-16 code units (what JavaScript, Java, Swift's NSString and Telegram's clients count in).
 */
export type EntityType = 'bold' | 'italic' | 'code' | 'pre' | 'mention' | 'url' | 'hashtag';

export interface MessageEntity {
  type: EntityType;
  offset: number;
  length: number;
  /** mention: the member it names, when it names one (a participant of the conversation). */
  userId?: string;
}

export type ParseMode = 'plain' | 'markdown';
export const PARSE_MODES: readonly ParseMode[] = ['plain', 'markdown'];
export const MAX_ENTITIES = 100;

// Formatting (markdown mode only), not nested: ```pre```, `code`, **bold**, __italic__.
const FORMAT = /```([\s\S]+?)```|`([^`\n]+?)`|\*\*([\s\S]+?)\*\*|__([\s\S]+?)__/g;
const FORMAT_TYPES: EntityType[] = ['pre', 'code', 'bold', 'italic'];
// Found in any mode, outside code and pre: @username, links, #hashtags (not inside a word).
const MENTION = /(?<![\p{L}\p{N}_@])@([A-Za-z0-9_]{3,32})(?![A-Za-z0-9_])/gu;
const URL = /\bhttps?:\/\/[^\s<>"']+/giu;
const HASHTAG = /(?<![\p{L}\p{N}_#&])#([\p{L}\p{N}_]{1,64})(?![\p{L}\p{N}_])/gu;

/**
 * The text as it will be stored (markdown markers taken out) and its entities, ordered by offset. A
 * mention entity carries no userId yet: resolving usernames to members is the caller's (it needs stores).
 */
export function parseEntities(source: string, mode: ParseMode): { text: string; entities: MessageEntity[] } {
  const entities: MessageEntity[] = [];
  let text = source;
  if (mode === 'markdown') {
    let out = '';
    let last = 0;
    for (const match of source.matchAll(FORMAT)) {
      const group = [1, 2, 3, 4].find((i) => match[i] !== undefined)!;
      const inner = match[group]!;
      out += source.slice(last, match.index);
      entities.push({ type: FORMAT_TYPES[group - 1]!, offset: out.length, length: inner.length });
      out += inner;
      last = match.index! + match[0].length;
    }
    text = out + source.slice(last);
  }
  const verbatim = entities.filter((e) => e.type === 'code' || e.type === 'pre');
  const inVerbatim = (offset: number, length: number) =>
    verbatim.some((v) => offset < v.offset + v.length && v.offset < offset + length);
  for (const [pattern, type] of [
    [MENTION, 'mention'],
    [URL, 'url'],
    [HASHTAG, 'hashtag'],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const offset = match.index!;
      if (!inVerbatim(offset, match[0].length)) entities.push({ type, offset, length: match[0].length });
    }
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities: entities.slice(0, MAX_ENTITIES) };
}

/** The username a mention entity names (without the @). */
export const mentionedUsername = (text: string, entity: MessageEntity): string =>
  text.slice(entity.offset + 1, entity.offset + entity.length);
