import { createHmac, randomBytes } from 'node:crypto';
import { SignedBlobUrls, type BlobGrant, type BlobStore, type UploadTarget } from '@parley/core';

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
  private readonly urls: SignedBlobUrls;

  constructor(private readonly options: SignedUrlOptions = { baseUrl: 'http://localhost/blobs' }) {
    const secret = options.secret ?? randomBytes(32).toString('hex');
    this.urls = new SignedBlobUrls(options.baseUrl, (text) =>
      createHmac('sha256', secret).update(text).digest('base64url'),
    );
  }

  async createUploadUrl(
    key: string,
    opts: { contentType: string; size: number; expiresAt: Date },
  ): Promise<UploadTarget> {
    return this.urls.upload(key, opts);
  }

  async createDownloadUrl(key: string, opts: { expiresAt: Date }): Promise<string> {
    return this.urls.download(key, opts.expiresAt);
  }

  /** What a signed URL grants at `now`, or null (the HTTP adapter that serves the URLs asks). */
  verify(method: string, key: string, query: Record<string, unknown>, now: Date): BlobGrant | null {
    return this.urls.verify(method, key, query, now);
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
}
