import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { BlobStore, UploadTarget } from '@parley/core';

export interface SignedUrlOptions {
  /** Where the API serves blob URLs, e.g. http://localhost:3000/api/v1/blobs */
  baseUrl: string;
  /** HMAC key for URL signatures; random per process when omitted. */
  secret?: string;
}

/**
 * Bytes kept in memory, with expiring HMAC-signed URLs the API itself serves (as the local-disk store
 * does), so uploads and downloads work without any storage service.
 */
export class InMemoryBlobStore implements BlobStore {
  private readonly blobs = new Map<string, { bytes: Uint8Array; contentType: string }>();
  private readonly secret: string;

  constructor(private readonly options: SignedUrlOptions = { baseUrl: 'http://localhost/blobs' }) {
    this.secret = options.secret ?? randomBytes(32).toString('hex');
  }

  async createUploadUrl(
    key: string,
    opts: { contentType: string; size: number; expiresAt: Date },
  ): Promise<UploadTarget> {
    // The grant names the exact size and type: the server refuses other bodies before reading them.
    return {
      url: this.sign('PUT', key, opts.expiresAt, { size: opts.size, type: opts.contentType }),
      method: 'PUT',
      headers: { 'content-type': opts.contentType },
      expiresAt: opts.expiresAt,
    };
  }

  async createDownloadUrl(key: string, opts: { expiresAt: Date }): Promise<string> {
    return this.sign('GET', key, opts.expiresAt);
  }

  /**
   * What a signed URL grants at `now` — for an upload the exact size and content type — or null when its
   * method, key, expiry, grant or signature does not hold. Used by the HTTP adapter that serves the URLs.
   */
  verify(
    method: string,
    key: string,
    query: Record<string, unknown>,
    now: Date,
  ): { size: number | null; contentType: string | null } | null {
    const expiry = Number(query.expires);
    if (!Number.isFinite(expiry) || expiry < now.getTime()) return null;
    const grant = {
      size: typeof query.size === 'string' ? query.size : undefined,
      type: typeof query.type === 'string' ? query.type : undefined,
    };
    const expected = Buffer.from(this.signature(method, key, expiry, grant));
    const given = Buffer.from(String(query.sig ?? ''));
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return { size: grant.size === undefined ? null : Number(grant.size), contentType: grant.type ?? null };
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.blobs.set(key, { bytes: new Uint8Array(bytes), contentType });
  }

  async get(key: string): Promise<Uint8Array | null> {
    const blob = this.blobs.get(key);
    return blob ? new Uint8Array(blob.bytes) : null;
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    const blob = this.blobs.get(key);
    return blob ? { size: blob.bytes.byteLength, contentType: blob.contentType } : null;
  }

  async delete(key: string): Promise<void> {
    this.blobs.delete(key);
  }

  private sign(method: string, key: string, expiresAt: Date, grant: { size?: number; type?: string } = {}): string {
    const expiry = expiresAt.getTime();
    const granted = {
      ...(grant.size === undefined ? {} : { size: String(grant.size) }),
      ...(grant.type === undefined ? {} : { type: grant.type }),
    };
    const query = new URLSearchParams({
      expires: String(expiry),
      ...granted,
      sig: this.signature(method, key, expiry, granted),
    });
    return `${this.options.baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  private signature(method: string, key: string, expiry: number, grant: { size?: string; type?: string }): string {
    return createHmac('sha256', this.secret)
      .update(`${method}\n${key}\n${expiry}\n${grant.size ?? ''}\n${grant.type ?? ''}`)
      .digest('base64url');
  }
}
