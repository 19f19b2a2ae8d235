import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile, rename } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { BlobStore, UploadTarget } from '@parley/core';

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
  private readonly secret: string;

  constructor(private readonly options: LocalDiskOptions) {
    this.root = resolve(options.root);
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
