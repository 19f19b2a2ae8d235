export const BlobStore = Symbol.for('BlobStore');

export interface UploadTarget {
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
}

export interface BlobStore {
  /** A URL the client can PUT exactly these bytes to until expiresAt. */
  createUploadUrl(key: string, opts: { contentType: string; size: number; expiresAt: Date }): Promise<UploadTarget>;
  /** A URL anyone holding it can GET the blob from until expiresAt. */
  createDownloadUrl(key: string, opts: { expiresAt: Date; filename?: string }): Promise<string>;
  /** Stores bytes under the key (replacing any). */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes under the key, or null. */
  get(key: string): Promise<Uint8Array | null>;
  /** Size and content type of the blob, or null if absent. */
  head(key: string): Promise<{ size: number; contentType: string } | null>;
  /** Removes the blob; idempotent. */
  delete(key: string): Promise<void>;
}
