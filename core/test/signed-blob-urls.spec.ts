import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SignedBlobUrls } from '../src/modules/media/index.js';

const urls = new SignedBlobUrls('http://api.test/blobs', (text) =>
  createHmac('sha256', 'k'.repeat(32)).update(text).digest('base64url'),
);
const now = new Date('2026-12-03T12:00:00Z');
const later = new Date(now.getTime() + 60_000);
const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('SignedBlobUrls', () => {
  it('grants an upload exactly the size and type it was signed for, until it expires', () => {
    const target = urls.upload('media/a b/photo.png', { contentType: 'image/png', size: 42, expiresAt: later });
    expect(target.url.startsWith('http://api.test/blobs/media/a%20b/photo.png?')).toBe(true);
    const query = queryOf(target.url);
    expect(urls.verify('PUT', 'media/a b/photo.png', query, now)).toEqual({ size: 42, contentType: 'image/png' });
    expect(urls.verify('PUT', 'media/a b/photo.png', { ...query, size: '43' }, now)).toBeNull();
    expect(urls.verify('PUT', 'media/a b/photo.png', { ...query, type: 'text/html' }, now)).toBeNull();
    expect(urls.verify('GET', 'media/a b/photo.png', query, now)).toBeNull();
    expect(urls.verify('PUT', 'media/other.png', query, now)).toBeNull();
    expect(urls.verify('PUT', 'media/a b/photo.png', query, new Date(later.getTime() + 1))).toBeNull();
  });

  it('grants a download without a size or type, and refuses a forged or missing signature', () => {
    const query = queryOf(urls.download('media/x', later));
    expect(urls.verify('GET', 'media/x', query, now)).toEqual({ size: null, contentType: null });
    const forged = query.sig!.slice(0, -1) + (query.sig!.endsWith('A') ? 'B' : 'A');
    expect(urls.verify('GET', 'media/x', { ...query, sig: forged }, now)).toBeNull();
    expect(urls.verify('GET', 'media/x', { expires: query.expires }, now)).toBeNull();
    expect(urls.verify('GET', 'media/x', { ...query, expires: 'soon' }, now)).toBeNull();
  });
});
