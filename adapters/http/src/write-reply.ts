import type { ServerResponse } from 'node:http';
import { errorBody, type HttpError } from './errors.js';
import type { Reply } from './routes/route.js';
import type { Serialized } from './serializers.js';

/**
 * The headers of an answer being made: set on the response one by one (Express's routes, whose middleware set some
 * before), or, with `head`, gathered as `[name, value, ...]` and written with the status in one `writeHead` (the
 * hot path, which sets none before): Node then checks each header once as it writes it, instead of also keeping
 * each in the response's header map first.
 */
type Head = string[] | undefined;
const put = (res: ServerResponse, head: Head, name: string, value: string | number) => {
  if (head) head.push(name, String(value));
  else res.setHeader(name, value);
};
const finish = (res: ServerResponse, head: Head, status: number, body?: string | Buffer) => {
  if (head) res.writeHead(status, head);
  else res.statusCode = status;
  res.end(body);
};

/**
 * Writes a route's reply: its headers, then no body, raw bytes, or JSON serialised from the documented schema
 * when there is one (fast-json-stringify: faster than JSON.stringify, and a body can only carry what the document
 * says it carries).
 */
export function writeReply(
  res: ServerResponse,
  out: Reply,
  serialize: (status: number, body: unknown) => Serialized | null,
  head?: string[],
): void {
  for (const [name, value] of Object.entries(out.headers ?? {})) put(res, head, name, value);
  if (out.body === undefined) finish(res, head, out.status);
  else if (Buffer.isBuffer(out.body)) {
    const typed = head
      ? head.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-type')
      : res.hasHeader('content-type');
    if (!typed) put(res, head, 'content-type', 'application/octet-stream');
    put(res, head, 'content-length', out.body.length);
    finish(res, head, out.status, out.body);
  } else writeJsonText(res, out.status, serialize(out.status, out.body) ?? JSON.stringify(out.body), head);
}

/** An error's answer: its headers, status and `{ error: { code, message, details? } }`. */
export function writeError(res: ServerResponse, error: HttpError, head?: string[]): void {
  for (const [name, value] of Object.entries(error.headers)) put(res, head, name, value);
  writeJsonText(res, error.status, JSON.stringify(errorBody(error)), head);
}

/**
 * Writes serialised JSON straight to Node's response: the text goes out with the headers in one write
 * (Express's `send` would first copy a long string into a Buffer and write the two separately). Node
 * itself leaves the body out of an answer to HEAD.
 */
function writeJsonText(res: ServerResponse, status: number, text: Serialized, head: Head): void {
  put(res, head, 'content-type', 'application/json; charset=utf-8');
  put(res, head, 'content-length', Buffer.byteLength(text));
  finish(res, head, status, text);
}
