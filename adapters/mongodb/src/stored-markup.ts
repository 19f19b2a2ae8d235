import type { ReplyMarkup } from '@parley/core';

/**
 * A keyboard as stored: its rows as `{ buttons }` objects, since FerretDB 1.x refuses arrays nested in arrays
 * (MongoDB takes them; the stored shape is the same on both).
 */
export interface StoredMarkup {
  rows: { buttons: ReplyMarkup['inlineKeyboard'][number] }[];
}

export const toStoredMarkup = (markup: ReplyMarkup | null | undefined): StoredMarkup | null | undefined =>
  markup ? { rows: markup.inlineKeyboard.map((buttons) => ({ buttons })) } : markup;

export const fromStoredMarkup = (
  stored: StoredMarkup | ReplyMarkup | null | undefined,
): ReplyMarkup | null | undefined =>
  stored && 'rows' in stored ? { inlineKeyboard: stored.rows.map((row) => row.buttons) } : stored;

/** A document (a message, a held message's content) with its keyboard, if any, in its stored shape. */
export function withStoredMarkup<T extends { replyMarkup?: unknown }>(doc: T): T {
  return 'replyMarkup' in doc ? { ...doc, replyMarkup: toStoredMarkup(doc.replyMarkup as ReplyMarkup | null) } : doc;
}

/** A document read back with its keyboard in the domain's shape. */
export function withDomainMarkup<T extends { replyMarkup?: unknown }>(doc: T): T {
  return 'replyMarkup' in doc ? { ...doc, replyMarkup: fromStoredMarkup(doc.replyMarkup as StoredMarkup | null) } : doc;
}
