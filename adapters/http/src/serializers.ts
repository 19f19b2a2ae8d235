import fastJson from 'fast-json-stringify';
import { LRUCache } from 'lru-cache';
import type { RouteSpec } from './routes/route.js';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; items?: Schema };
type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>
  >;
  components?: { schemas?: Record<string, Schema> };
};
type Serialize = (body: unknown) => string;
/** A body as written: text, or a list's bytes. */
export type Serialized = string | Buffer;

const LIST_HEAD = '{"data":[]';
const LIST_OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

/** The bytes of a string in an allocation of their own (not a slice of Node's shared pool, which they would pin). */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

/**
 * One compiled serialiser per documented JSON response (route and status), built from the API
 * document on first use. Bodies are written from their schema: what is not documented is not sent.
 *
 * Lists (`{ data: [...], ... }`, every page) are written item by item into one Buffer, and the UTF-8 bytes of a
 * frozen item are remembered: a frozen view never changes (the core hands out frozen views only for stored rows
 * that are themselves frozen and replaced on every change), so all readers of one message version share one
 * serialisation, as all sockets share one frame per event. Unfrozen items are serialised every time.
 * Remembering bytes rather than strings matters: fast-json-stringify builds a string by concatenation, a rope of
 * hundreds of pieces that V8 walks again on every join, and a page's string must be encoded again on every
 * write; a page of remembered bytes is one copy (`docs/performance.md`, "The HTTP edge").
 */
export class ResponseSerializers {
  private readonly doc: Doc;
  /** Keyed by the frozen item itself: a changed row is a new object, so an entry is never stale. */
  private readonly remembered = new LRUCache<object, Buffer>({ max: 20_000 });

  constructor(document: object) {
    this.doc = document as Doc;
  }

  for(route: RouteSpec): (status: number, body: unknown) => Serialized | null {
    const operation =
      this.doc.paths[`/api/v1${route.path.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`]?.[route.method];
    const compiled = new Map<number, ((body: unknown) => Serialized) | null>();
    return (status, body) => {
      if (!compiled.has(status)) {
        const schema = operation?.responses[String(status)]?.content?.['application/json']?.schema;
        compiled.set(status, schema ? this.compile(schema) : null);
      }
      const serialize = compiled.get(status);
      return serialize ? serialize(body) : null;
    };
  }

  private compile(schema: Schema): (body: unknown) => Serialized {
    const whole = fastJson({ ...schema, components: this.doc.components } as never) as Serialize;
    const itemSchema = this.resolve(schema).properties?.data;
    if (itemSchema?.type !== 'array' || !itemSchema.items) return whole;
    const item = fastJson({ ...itemSchema.items, components: this.doc.components } as never) as Serialize;
    const remembered = this.remembered;
    const itemBytes = (value: unknown): Buffer => {
      if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return Buffer.from(item(value));
      let bytes = remembered.get(value);
      if (bytes === undefined) remembered.set(value, (bytes = ownBytes(item(value))));
      return bytes;
    };
    return (body) => {
      const list = (body as { data?: unknown } | null)?.data;
      if (!Array.isArray(list)) return whole(body);
      const head = whole({ ...(body as object), data: [] });
      // The document lists `data` first; should it ever not, the plain serialiser does the whole body.
      if (!head.startsWith(LIST_HEAD)) return whole(body);
      const parts: Buffer[] = [LIST_OPEN];
      for (let i = 0; i < list.length; i += 1) {
        if (i > 0) parts.push(COMMA);
        parts.push(itemBytes(list[i]));
      }
      parts.push(Buffer.from(`]${head.slice(LIST_HEAD.length)}`));
      return Buffer.concat(parts);
    };
  }

  private resolve(schema: Schema): Schema {
    const name = schema.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
    return name ? this.resolve(this.doc.components?.schemas?.[name] ?? {}) : schema;
  }
}
