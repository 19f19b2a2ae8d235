/**
 * Cursors: clients treat them as opaque strings. Inside, parts joined by dots — whole numbers and ids
 * made of letters, digits, `_` and `-` — so the shape of a valid cursor is a plain pattern the API
 * document states exactly (see CURSOR_PATTERNS), and any string of that shape is a position to resume
 * from, never an error.
 */
const ID_PART = /^[A-Za-z0-9_-]{1,200}$/;
const NUMBER_PART = /^[0-9]{1,15}$/;

export const encodeCursor = (parts: readonly (string | number)[]): string =>
  parts
    .map((part) => {
      const text = String(part);
      if (
        typeof part === 'number'
          ? !Number.isSafeInteger(part) || part < 0
          : !ID_PART.test(text) || NUMBER_PART.test(text)
      )
        throw new Error(`not a cursor part: ${text}`);
      return text;
    })
    .join('.');

export const decodeCursor = (cursor: string | undefined | null): (string | number)[] | null => {
  if (!cursor || cursor.length > 300) return null;
  const parts = cursor.split('.');
  if (!parts.every((p) => NUMBER_PART.test(p) || ID_PART.test(p))) return null;
  return parts.map((p) => (NUMBER_PART.test(p) ? Number(p) : p));
};

/** The exact shape of each kind of cursor (with CURSOR_MAX_LENGTH), for the API document and the edge validation. */
export const CURSOR_MAX_LENGTH = 160;
export const CURSOR_PATTERNS = {
  /** Resumes a list ordered by time, then id (conversations, search, reports, audit). */
  timeAndId: '^[0-9]{1,15}\\.[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*$',
  /** Resumes history below (`b`) or above (`a`) a seq, or above one up to a bound (`r`). */
  history: '^([ab]\\.[0-9]{1,15}|r\\.[0-9]{1,15}\\.[0-9]{1,15})$',
  /** A sync token: the snapshot the last sync kept (`s2`), or, from earlier versions, when it was issued (`s1`). */
  sync: '^(s2\\.[A-Za-z0-9_-]{1,120}|s1\\.[0-9]{1,15})$',
} as const;
