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

const LIST_HEAD = '{"data":[]';

/**
 * One compiled serialiser per documented JSON response (route and status), built from the API
 * document on first use. Bodies are written from their schema: what is not documented is not sent.
 *
 * Lists (`{ data: [...], ... }`, every page) are written item by item, and the JSON of a frozen item is
 * remembered: a frozen view never changes (the core hands out frozen views only for stored rows that are
 * themselves frozen and replaced on every change), so all readers of one message version share one
 * serialisation, as all sockets share one frame per event. Unfrozen items are serialised every time.
 */
export class ResponseSerializers {
  private readonly doc: Doc;
  /** Keyed by the frozen item itself: a changed row is a new object, so an entry is never stale. */
  private readonly remembered = new LRUCache<object, string>({ max: 20_000 });

  constructor(document: object) {
    this.doc = document as Doc;
  }

  for(route: RouteSpec): (status: number, body: unknown) => string | null {
    const operation =
      this.doc.paths[`/api/v1${route.path.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`]?.[route.method];
    const compiled = new Map<number, Serialize | null>();
    return (status, body) => {
      if (!compiled.has(status)) {
        const schema = operation?.responses[String(status)]?.content?.['application/json']?.schema;
        compiled.set(status, schema ? this.compile(schema) : null);
      }
      const serialize = compiled.get(status);
      return serialize ? serialize(body) : null;
    };
  }

  private compile(schema: Schema): Serialize {
    const whole = fastJson({ ...schema, components: this.doc.components } as never) as Serialize;
    const itemSchema = this.resolve(schema).properties?.data;
    if (itemSchema?.type !== 'array' || !itemSchema.items) return whole;
    const item = fastJson({ ...itemSchema.items, components: this.doc.components } as never) as Serialize;
    const remembered = this.remembered;
    const itemJson = (value: unknown): string => {
      if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return item(value);
      let json = remembered.get(value);
      if (json === undefined) remembered.set(value, (json = item(value)));
      return json;
    };
    return (body) => {
      const list = (body as { data?: unknown } | null)?.data;
      if (!Array.isArray(list)) return whole(body);
      const head = whole({ ...(body as object), data: [] });
      // The document lists `data` first; should it ever not, the plain serialiser does the whole body.
      if (!head.startsWith(LIST_HEAD)) return whole(body);
      return `{"data":[${list.map(itemJson).join(',')}]${head.slice(LIST_HEAD.length)}`;
    };
  }

  private resolve(schema: Schema): Schema {
    const name = schema.$ref?.match(/^#\/components\/schemas\/(.+)$/)?.[1];
    return name ? this.resolve(this.doc.components?.schemas?.[name] ?? {}) : schema;
  }
}
