import type { Request } from 'express';
import type { BlobStore, Clock, MediaModule } from '@parley/core';
import { HttpError } from '../errors.js';
import { schemas, uploadSchema } from '../request-schemas.js';
import * as R from '../responses.js';
import { answer, reply, type RouteSpec } from './route.js';

/** A blob store whose signed URLs point at this API (local disk, memory); S3 URLs never reach us. */
export interface SignedBlobServer extends BlobStore {
  /** What a signed URL grants (an upload: its exact size and type), or null when it does not hold. */
  verify(
    method: string,
    key: string,
    query: Record<string, unknown>,
    now: Date,
  ): { size: number | null; contentType: string | null } | null;
}

export function mediaRoutes(media: MediaModule, maxUploadBytes: number): RouteSpec[] {
  const tag = 'media';
  return [
    {
      method: 'post',
      path: '/media/upload',
      tag,
      summary: 'Register an upload; returns where and how to PUT the bytes',
      body: uploadSchema(maxUploadBytes),
      responses: { 201: answer('Where and how to PUT the bytes', R.UploadTicket) },
      handler: async ({ actorId, body }) => reply(await media.requestUpload.execute({ ...body, actorId }), 201),
    },
    {
      method: 'post',
      path: '/media/:id/confirm',
      tag,
      summary: 'Confirm the bytes are up; queues processing',
      responses: { 200: answer('The media', R.Media) },
      handler: async ({ actorId, params }) => {
        reply(await media.confirmUpload.execute({ actorId, mediaId: params.id! }));
        // As GET answers it: never the storage key or where it was shared.
        return reply(await media.getMedia.execute({ actorId, mediaId: params.id! }));
      },
    },
    {
      method: 'get',
      path: '/media/:id',
      tag,
      summary: 'Media info, status, thumbnails and signed download URLs',
      responses: { 200: answer('The media with download links', R.Media) },
      handler: async ({ actorId, params }) => reply(await media.getMedia.execute({ actorId, mediaId: params.id! })),
    },
  ];
}

/**
 * Serves the signed URLs of a SignedBlobServer: PUT uploads exactly the granted bytes, GET downloads.
 * An upload is judged before a byte of its body is read: signature, expiry and declared Content-Length
 * first; then the body streams in with a hard cap at the granted size. A refused upload closes the
 * connection instead of draining what the client is still sending.
 */
export function blobRoutes(blobs: SignedBlobServer, clock: Clock): RouteSpec[] {
  const tag = 'media';
  const check = (method: string, key: string, query: Record<string, unknown>) => {
    const grant = blobs.verify(method, key, query, clock.now());
    if (!grant) throw new HttpError(403, 'bad_signature', 'this URL is invalid or expired');
    return grant;
  };
  return [
    {
      method: 'put',
      path: '/blobs/*key',
      tag,
      auth: false,
      stream: true,
      query: schemas.signedUpload,
      summary: 'Upload bytes to a signed URL from POST /media/upload',
      responses: { 204: 'Stored' },
      handler: async ({ req }) => {
        try {
          const key = (req.params as { key: string[] }).key.join('/');
          const grant = check('PUT', key, req.query);
          if (grant.size === null || grant.contentType === null)
            throw new HttpError(403, 'bad_signature', 'this URL does not grant an upload');
          const declared = req.get('content-length');
          if (declared !== undefined && Number(declared) > grant.size)
            throw new HttpError(413, 'payload_too_large', `this upload is for ${grant.size} bytes`);
          const bytes = await readCapped(req, grant.size);
          if (bytes.length !== grant.size)
            throw new HttpError(
              400,
              'size_mismatch',
              `this upload is for exactly ${grant.size} bytes; ${bytes.length} were sent`,
            );
          // The granted type, not the request's header: what was declared at POST /media/upload is what is served.
          await blobs.put(key, new Uint8Array(bytes), grant.contentType);
          return { status: 204 };
        } catch (error) {
          if (!req.complete) req.res?.setHeader('connection', 'close');
          throw error;
        }
      },
    },
    {
      method: 'get',
      path: '/blobs/*key',
      tag,
      auth: false,
      query: schemas.signedDownload,
      summary: 'Download bytes from a signed URL',
      responses: { 200: answer('The bytes, served as the type the upload declared', undefined, '*/*') },
      handler: async ({ req }) => {
        const key = (req.params as { key: string[] }).key.join('/');
        check('GET', key, req.query);
        const [head, bytes] = await Promise.all([blobs.head(key), blobs.get(key)]);
        if (!head || !bytes) throw new HttpError(404, 'blob_not_found', 'no such blob');
        return {
          status: 200,
          body: Buffer.from(bytes),
          headers: {
            'content-type': head.contentType,
            'cache-control': 'private, max-age=300',
            'x-content-type-options': 'nosniff',
            'content-disposition': 'attachment',
          },
        };
      },
    },
  ];
}

/** The request body, refused (413) as soon as it passes `cap` bytes rather than buffered whole. */
async function readCapped(req: Request, cap: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > cap) throw new HttpError(413, 'payload_too_large', `this upload is for ${cap} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
