import { invalid, type ValidationFailed } from '../../../shared/errors.js';
import { err, ok, type Result } from '../../../shared/result.js';
import { Issues } from '../../../shared/validate.js';

export const FILTER_KINDS = ['word', 'link'] as const;
export type FilterKind = (typeof FILTER_KINDS)[number];
export const FILTER_ACTIONS = ['block', 'hold'] as const;
/** `block` refuses the send (403 `content_blocked`); `hold` keeps it for a moderator's review (202). */
export type FilterAction = (typeof FILTER_ACTIONS)[number];

export const MAX_FILTERS = 1000;
export const MAX_FILTER_PATTERN = 100;

/**
 * A platform-wide rule on what may be posted. A `word` filter is a word or phrase, matched whole and in any
 * case (NFKC-folded, so full-width and ligature look-alikes match too); a trailing `*` matches any ending
 * (`spam*` catches "spammer"). A `link` filter is a host: it catches that host and its subdomains wherever
 * the text names it, with or without a scheme (`spam.example` catches
 * `https://www.spam.example/x` and a bare `spam.example`).
 */
export interface ContentFilter {
  id: string;
  kind: FilterKind;
  /** As matched: folded to lower case, spaces collapsed; a link filter's host only. */
  pattern: string;
  action: FilterAction;
  note: string | null;
  createdBy: string;
  createdAt: Date;
}

export type FilterSpec = Pick<ContentFilter, 'kind' | 'pattern' | 'action' | 'note'>;

/** What a filter reads of a message: its texts (the content, or a poll's question and options). */
export interface Screened {
  texts: readonly (string | null)[];
}

export interface FilterVerdict {
  /** `block` if any caught filter blocks, else `hold`. */
  action: FilterAction;
  filterIds: string[];
}

const fold = (text: string): string => text.normalize('NFKC').toLowerCase();
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const HOST =
  /^(?=.{1,253}$)[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)+$/u;

/** A filter as a moderator asked for it, checked and put in the form it is matched in. */
export function readFilterSpec(input: {
  kind?: unknown;
  pattern?: unknown;
  action?: unknown;
  note?: unknown;
}): Result<FilterSpec, ValidationFailed> {
  const issues = new Issues();
  const kind = input.kind ?? 'word';
  if (!FILTER_KINDS.includes(kind as FilterKind)) issues.add('kind', `must be one of ${FILTER_KINDS.join(', ')}`);
  const action = input.action ?? 'block';
  if (!FILTER_ACTIONS.includes(action as FilterAction))
    issues.add('action', `must be one of ${FILTER_ACTIONS.join(', ')}`);
  const raw = issues.text('pattern', input.pattern, { min: 1, max: MAX_FILTER_PATTERN, required: true });
  const note = issues.text('note', input.note ?? undefined, { max: 500 }) ?? null;
  if (!issues.empty) return err(invalid(issues.list));
  const pattern = kind === 'link' ? hostOf(raw!) : fold(raw!).replace(/\s+/gu, ' ').trim();
  if (pattern === null) return err(invalid('pattern', 'must be a host name such as spam.example'));
  if (kind === 'word' && !/[\p{L}\p{N}]/u.test(pattern))
    return err(invalid('pattern', 'must hold at least one letter or digit'));
  return ok({ kind: kind as FilterKind, pattern, action: action as FilterAction, note });
}

/** The host a link filter names: `spam.example`, `https://www.spam.example/x` or `*.spam.example` give theirs. */
function hostOf(raw: string): string | null {
  let host = fold(raw.trim())
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^\*\./, '');
  host = host.split(/[/?#]/)[0]!.replace(/:\d+$/, '').replace(/\.$/, '');
  if (host.includes('@')) host = host.slice(host.lastIndexOf('@') + 1);
  return HOST.test(host) ? host : null;
}

/**
 * Compiled filters by kind and pattern: a store that hands out copies (the embedded one) or a reloaded cache still
 * compiles each pattern once. Bounded: at most twice the filters there may be, then it starts again.
 */
const compiled = new Map<string, RegExp>();

function matcher(filter: ContentFilter | FilterSpec): RegExp {
  const key = `${filter.kind}:${filter.pattern}`;
  let regex = compiled.get(key);
  if (regex) return regex;
  if (compiled.size >= 2 * MAX_FILTERS) compiled.clear();
  if (filter.kind === 'link') {
    // The host itself or any subdomain, not part of a longer name on either side (a closing full stop is fine).
    regex = new RegExp(
      `(?<![\\p{L}\\p{N}_.-])(?:[\\p{L}\\p{N}-]+\\.)*${escape(filter.pattern)}(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])`,
      'u',
    );
  } else {
    const prefix = filter.pattern.endsWith('*');
    const words = (prefix ? filter.pattern.slice(0, -1) : filter.pattern).trim();
    const body = words.split(' ').map(escape).join('[\\s\\p{P}]+');
    regex = new RegExp(`(?<![\\p{L}\\p{N}_])${body}${prefix ? '' : '(?![\\p{L}\\p{N}_])'}`, 'u');
  }
  compiled.set(key, regex);
  return regex;
}

/** Whether the filter catches this content. */
export function catches(filter: ContentFilter | FilterSpec, content: Screened): boolean {
  const regex = matcher(filter);
  return content.texts.some((text) => text !== null && text !== '' && regex.test(fold(text)));
}

/** What the filters say about this content: null when none catches it. */
export function screen(filters: readonly ContentFilter[], content: Screened): FilterVerdict | null {
  const caught = filters.filter((filter) => catches(filter, content));
  if (caught.length === 0) return null;
  return {
    action: caught.some((f) => f.action === 'block') ? 'block' : 'hold',
    filterIds: caught.map((f) => f.id),
  };
}
