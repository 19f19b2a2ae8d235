import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStore, UploadTarget } from '@parley/core';

export interface S3Options {
  bucket: string;
  region?: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Path-style URLs (http://host/bucket/key), which MinIO and s3rver need. */
  forcePathStyle?: boolean;
  /** Endpoint to sign client URLs for, when clients reach the storage at another address than the API does. */
  publicEndpoint?: string;
}

const notFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404;
};

/** Media on S3-compatible storage; clients upload and download with presigned URLs, never through the API. */
export class S3BlobStore implements BlobStore {
  private readonly s3: S3Client;
  private readonly signer: S3Client;

  constructor(private readonly options: S3Options) {
    const client = (endpoint: string | undefined) =>
      new S3Client({
        region: options.region ?? 'us-east-1',
        forcePathStyle: options.forcePathStyle ?? false,
        // Checksums only where S3 demands them: otherwise a presigned PUT carries the CRC of an empty body,
        // which S3 then holds the client's bytes against (and S3-compatible stores may not support).
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        ...(endpoint ? { endpoint } : {}),
        ...(options.accessKeyId && options.secretAccessKey
          ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
          : {}),
      });
    this.s3 = client(options.endpoint);
    this.signer = options.publicEndpoint ? client(options.publicEndpoint) : this.s3;
  }

  /** Creates the bucket if it does not exist. */
  async ensureBucket(): Promise<void> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (error) {
      if (!notFound(error)) throw error;
      await this.s3.send(new CreateBucketCommand({ Bucket: this.options.bucket }));
    }
  }

  async createUploadUrl(
    key: string,
    opts: { contentType: string; size: number; expiresAt: Date },
  ): Promise<UploadTarget> {
    // Content-Length is signed: S3 refuses a body of any other size (the API never sees these bytes).
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ContentType: opts.contentType,
      ContentLength: opts.size,
    });
    const url = await getSignedUrl(this.signer, command, { expiresIn: this.seconds(opts.expiresAt) });
    return { url, method: 'PUT', headers: { 'content-type': opts.contentType }, expiresAt: opts.expiresAt };
  }

  async createDownloadUrl(key: string, opts: { expiresAt: Date; filename?: string }): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.options.bucket,
      Key: key,
      ...(opts.filename
        ? { ResponseContentDisposition: `attachment; filename="${opts.filename.replace(/["\\\r\n]/g, '_')}"` }
        : {}),
    });
    return getSignedUrl(this.signer, command, { expiresIn: this.seconds(opts.expiresAt) });
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return out.Body ? new Uint8Array(await out.Body.transformToByteArray()) : new Uint8Array();
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<{ size: number; contentType: string } | null> {
    try {
      const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return { size: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
  }

  /** Whether the bucket answers (for /ready). */
  async ping(): Promise<boolean> {
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
      return true;
    } catch {
      return false;
    }
  }

  private seconds(expiresAt: Date): number {
    return Math.max(1, Math.min(7 * 24 * 3600, Math.round((expiresAt.getTime() - Date.now()) / 1000)));
  }
}

/** Errors of a storage server that cannot be reached (refused, reset, timed out), not of a refused request. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);
export const isS3ConnectionError = (error: unknown): boolean => {
  const e = error as { code?: string; name?: string; errno?: string } | null;
  return (
    !!e && (CONNECTION_CODES.has(e.code ?? '') || CONNECTION_CODES.has(e.errno ?? '') || e.name === 'TimeoutError')
  );
};
