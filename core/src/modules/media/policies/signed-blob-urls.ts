import type { UploadTarget } from '../ports/blob-store.port.js';

/** A keyed message authentication code of a text (HMAC-SHA256 in base64url, in the adapters). */
export type Mac = (text: string) => string;

/** What a signed URL grants: for an upload, the exact size and content type. */
export interface BlobGrant {
  size: number | null;
  contentType: string | null;
}

/**
 * Expiring signed URLs for blob stores the API serves itself (local disk, memory), the stand-in for S3
 * presigned URLs: `<baseUrl>/<key>?expires=<ms>[&size=<n>&type=<mime>]&sig=<mac>`, the MAC over the method,
 * key, expiry and grant. One scheme for every such store, so the HTTP adapter verifies them all alike.
 */
export class SignedBlobUrls {
  constructor(
    private readonly baseUrl: string,
    private readonly mac: Mac,
  ) {}

  /** A PUT of exactly `size` bytes of `contentType` until `expiresAt`: the server refuses other bodies unread. */
  upload(key: string, opts: { contentType: string; size: number; expiresAt: Date }): UploadTarget {
    return {
      url: this.sign('PUT', key, opts.expiresAt, { size: String(opts.size), type: opts.contentType }),
      method: 'PUT',
      headers: { 'content-type': opts.contentType },
      expiresAt: opts.expiresAt,
    };
  }

  /** A GET of the blob until `expiresAt`. */
  download(key: string, expiresAt: Date): string {
    return this.sign('GET', key, expiresAt, {});
  }

  /** What the URL's query grants at `now`, or null when its method, key, expiry, grant or signature fails. */
  verify(method: string, key: string, query: Record<string, unknown>, now: Date): BlobGrant | null {
    const expiry = Number(query.expires);
    if (!Number.isFinite(expiry) || expiry < now.getTime()) return null;
    const grant = {
      ...(typeof query.size === 'string' ? { size: query.size } : {}),
      ...(typeof query.type === 'string' ? { type: query.type } : {}),
    };
    if (!sameText(this.signature(method, key, expiry, grant), String(query.sig ?? ''))) return null;
    return { size: grant.size === undefined ? null : Number(grant.size), contentType: grant.type ?? null };
  }

  private sign(method: string, key: string, expiresAt: Date, grant: { size?: string; type?: string }): string {
    const expiry = expiresAt.getTime();
    const params: [string, string][] = [['expires', String(expiry)]];
    if (grant.size !== undefined) params.push(['size', grant.size]);
    if (grant.type !== undefined) params.push(['type', grant.type]);
    params.push(['sig', this.signature(method, key, expiry, grant)]);
    const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('&');
    return `${this.baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  private signature(method: string, key: string, expiry: number, grant: { size?: string; type?: string }): string {
    return this.mac(`${method}\n${key}\n${expiry}\n${grant.size ?? ''}\n${grant.type ?? ''}`);
  }
}

/** Compares in time that depends on the length only, so a guessed signature learns nothing from timing. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
