import type { BlobStore, Clock, UseCases } from '@parley/core';
import { HttpError } from '../errors.js';
import { schemas } from '../validation.js';
import { reply, type RouteSpec } from './route.js';

/** A blob store whose signed URLs point at this API (local disk, memory); S3 URLs never reach us. */
export interface SignedBlobServer extends BlobStore {
  verify(method: string, key: string, expires: string, signature: string, now: Date): boolean;
}

export function mediaRoutes(uc: UseCases): RouteSpec[] {
  const tag = 'media';
  return [
    { method: 'post', path: '/media/upload', tag, summary: 'Register an upload; returns where and how to PUT the bytes', body: schemas.upload,
      responses: { 201: '{ id, uploadUrl, method, headers, expiresAt }' },
      handler: async ({ actorId, body }) => reply(await uc.requestUpload.execute({ ...body, actorId }), 201) },
    { method: 'post', path: '/media/:id/confirm', tag, summary: 'Confirm the bytes are up; queues processing', responses: { 200: 'Media' },
      handler: async ({ actorId, params }) => reply(await uc.confirmUpload.execute({ actorId, mediaId: params.id! })) },
    { method: 'get', path: '/media/:id', tag, summary: 'Media info, status, thumbnails and signed download URLs', responses: { 200: 'Media' },
      handler: async ({ actorId, params }) => reply(await uc.getMedia.execute({ actorId, mediaId: params.id! })) },
  ];
}

const MAX_BLOB = 100 * 1024 * 1024;

/** Serves the signed URLs of a SignedBlobServer: PUT uploads exactly the declared bytes, GET downloads. */
export function blobRoutes(blobs: SignedBlobServer, clock: Clock): RouteSpec[] {
  const tag = 'media';
  const check = (method: string, key: string, query: Record<string, unknown>) => {
    if (!blobs.verify(method, key, String(query.expires ?? ''), String(query.sig ?? ''), clock.now()))
      throw new HttpError(403, 'bad_signature', 'this URL is invalid or expired');
  };
  return [
    { method: 'put', path: '/blobs/*key', tag, auth: false, raw: true, summary: 'Upload bytes to a signed URL from POST /media/upload', responses: { 204: 'Stored' },
      handler: async ({ req }) => {
        const key = (req.params as { key: string[] }).key.join('/');
        check('PUT', key, req.query);
        const bytes = req.body as Buffer;
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new HttpError(400, 'empty_body', 'no bytes were sent');
        if (bytes.length > MAX_BLOB) throw new HttpError(413, 'payload_too_large', 'too many bytes');
        await blobs.put(key, new Uint8Array(bytes), req.get('content-type') ?? 'application/octet-stream');
        return { status: 204 };
      } },
    { method: 'get', path: '/blobs/*key', tag, auth: false, summary: 'Download bytes from a signed URL', responses: { 200: 'The bytes' },
      handler: async ({ req }) => {
        const key = (req.params as { key: string[] }).key.join('/');
        check('GET', key, req.query);
        const [head, bytes] = await Promise.all([blobs.head(key), blobs.get(key)]);
        if (!head || !bytes) throw new HttpError(404, 'blob_not_found', 'no such blob');
        return { status: 200, body: Buffer.from(bytes), headers: { 'content-type': head.contentType, 'cache-control': 'private, max-age=300', 'x-content-type-options': 'nosniff', 'content-disposition': 'attachment' } };
      } },
  ];
}
