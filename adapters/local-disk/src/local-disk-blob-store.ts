import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { SignedBlobUrls, type BlobGrant, type BlobStore, type UploadTarget } from '@parley/core';

export interface LocalDiskOptions {
  /** Directory that holds the blobs. */
  root: string;
  /** Public base URL under which the API serves blobs, e.g. http://localhost:3000/api/v1/blobs */
  baseUrl: string;
  /** HMAC key for URL signatures. */
  secret?: string;
}

/**
 * Blobs as files under one directory, written atomically (temp file + rename), with expiring signed
 * URLs that the API verifies and serves (PUT for uploads, GET for downloads) — the embedded stand-in for
 * S3 presigned URLs. Keys are confined to the root: `..` and absolute keys are refused.
 */
export class LocalDiskBlobStore implements BlobStore {
  private readonly root: string;
  private readonly urls: SignedBlobUrls;

  constructor(private readonly options: LocalDiskOptions) {
    this.root = resolve(options.root);
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
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes);
    await writeFile(`${temp}.type`, contentType);
    await rename(`${temp}.type`, `${path}.type`);
    await rename(temp, path);
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.path(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    try {
      const path = this.path(key);
      const info = await stat(path);
      const contentType = await readFile(`${path}.type`, 'utf8').catch(() => 'application/octet-stream');
      return { size: info.size, contentType };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const path = this.path(key);
    await rm(path, { force: true });
    await rm(`${path}.type`, { force: true });
  }

  private path(key: string): string {
    const path = resolve(join(this.root, key));
    if (!path.startsWith(this.root + sep) || key.includes('\0')) throw new Error(`blob key escapes the root: ${key}`);
    return path;
  }
}
