/** Opaque cursors: clients treat them as strings; the core decodes and rejects tampered ones. */
const toBase64Url = (text: string): string =>
  btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

const fromBase64Url = (text: string): string => atob(text.replace(/-/g, '+').replace(/_/g, '/'));

export const encodeCursor = (parts: readonly (string | number)[]): string =>
  toBase64Url(encodeURIComponent(JSON.stringify(parts)));

export const decodeCursor = (cursor: string | undefined | null): (string | number)[] | null => {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(fromBase64Url(cursor)));
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string' || typeof p === 'number')) return parsed;
  } catch {
    /* a malformed cursor is reported by the caller */
  }
  return null;
};
