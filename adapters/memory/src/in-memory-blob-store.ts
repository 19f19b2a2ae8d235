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

  async createUploadUrl(key: string, opts: { contentType: string; size: number; expiresAt: Date }): Promise<UploadTarget> {
    return { url: this.sign('PUT', key, opts.expiresAt), method: 'PUT', headers: { 'content-type': opts.contentType }, expiresAt: opts.expiresAt };
  }

  async createDownloadUrl(key: string, opts: { expiresAt: Date }): Promise<string> {
    return this.sign('GET', key, opts.expiresAt);
  }

  /** Whether a URL's method, key, expiry and signature hold at `now`; used by the HTTP adapter that serves them. */
  verify(method: string, key: string, expires: string, signature: string, now: Date): boolean {
    const expiry = Number(expires);
    if (!Number.isFinite(expiry) || expiry < now.getTime()) return false;
    const expected = Buffer.from(this.signature(method, key, expiry));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
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

  private sign(method: string, key: string, expiresAt: Date): string {
    const expiry = expiresAt.getTime();
    const query = new URLSearchParams({ expires: String(expiry), sig: this.signature(method, key, expiry) });
    return `${this.options.baseUrl}/${key.split('/').map(encodeURIComponent).join('/')}?${query}`;
  }

  private signature(method: string, key: string, expiry: number): string {
    return createHmac('sha256', this.secret).update(`${method}\n${key}\n${expiry}`).digest('base64url');
  }
}
