import fastJson from 'fast-json-stringify';
import type { RouteSpec } from './routes/route.js';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>; components?: object };

/**
 * One compiled serialiser per documented JSON response (route and status), built from the API
 * document on first use. Bodies are written from their schema: what is not documented is not sent.
 */
export class ResponseSerializers {
  private readonly doc: Doc;

  constructor(document: object) {
    this.doc = document as Doc;
  }

  for(route: RouteSpec): (status: number, body: unknown) => string | null {
    const operation = this.doc.paths[`/api/v1${route.path.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`]?.[route.method];
    const compiled = new Map<number, ((body: unknown) => string) | null>();
    return (status, body) => {
      if (!compiled.has(status)) {
        const schema = operation?.responses[String(status)]?.content?.['application/json']?.schema;
        compiled.set(status, schema ? fastJson({ ...schema, components: this.doc.components } as never) as (body: unknown) => string : null);
      }
      const serialize = compiled.get(status);
      return serialize ? serialize(body) : null;
    };
  }
}
