import type { ServerResponse } from 'node:http';
import { errorBody, type HttpError } from './errors.js';
import type { Reply } from './routes/route.js';
import type { Serialized } from './serializers.js';

/**
 * Writes a route's reply: its headers, then no body, raw bytes, or JSON serialised from the documented schema
 * when there is one (fast-json-stringify: faster than JSON.stringify, and a body can only carry what the document
 * says it carries).
 */
export function writeReply(
  res: ServerResponse,
  out: Reply,
  serialize: (status: number, body: unknown) => Serialized | null,
): void {
  for (const [name, value] of Object.entries(out.headers ?? {})) res.setHeader(name, value);
  res.statusCode = out.status;
  if (out.body === undefined) res.end();
  else if (Buffer.isBuffer(out.body)) {
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/octet-stream');
    res.setHeader('content-length', out.body.length);
    res.end(out.body);
  } else writeJsonText(res, out.status, serialize(out.status, out.body) ?? JSON.stringify(out.body));
}

/** An error's answer: its headers, status and `{ error: { code, message, details? } }`. */
export function writeError(res: ServerResponse, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  writeJsonText(res, error.status, JSON.stringify(errorBody(error)));
}

/**
 * Writes serialised JSON straight to Node's response: the text goes out with the headers in one write
 * (Express's `send` would first copy a long string into a Buffer and write the two separately). Node
 * itself leaves the body out of an answer to HEAD.
 */
function writeJsonText(res: ServerResponse, status: number, text: Serialized): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  res.end(text);
}
