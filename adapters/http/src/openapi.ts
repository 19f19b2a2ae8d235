import type Joi from 'joi';
import type { RouteSpec } from './routes/route.js';

type JsonSchema = Record<string, unknown>;

interface JoiDescription {
  type?: string;
  flags?: { presence?: string; default?: unknown };
  keys?: Record<string, JoiDescription>;
  items?: JoiDescription[];
  allow?: unknown[];
  rules?: { name: string; args?: { limit?: number } }[];
}

/** A small joi -> JSON Schema conversion: enough for the request shapes Parley uses. */
function toSchema(d: JoiDescription): JsonSchema {
  const limit = (name: string) => d.rules?.find((r) => r.name === name)?.args?.limit;
  const nullable = d.allow?.includes(null) ?? false;
  const base: JsonSchema = {};
  if (d.type === 'object') {
    base.type = 'object';
    base.additionalProperties = false;
    base.properties = Object.fromEntries(Object.entries(d.keys ?? {}).map(([k, v]) => [k, toSchema(v)]));
    const required = Object.entries(d.keys ?? {}).filter(([, v]) => v.flags?.presence === 'required').map(([k]) => k);
    if (required.length) base.required = required;
  } else if (d.type === 'array') {
    base.type = 'array';
    if (d.items?.[0]) base.items = toSchema(d.items[0]);
    if (limit('max') !== undefined) base.maxItems = limit('max');
  } else if (d.type === 'number') {
    base.type = d.rules?.some((r) => r.name === 'integer') ? 'integer' : 'number';
  } else if (d.type === 'string' || d.type === 'boolean') {
    base.type = d.type;
    if (d.type === 'string' && limit('max') !== undefined) base.maxLength = limit('max');
    const values = d.allow?.filter((v) => v !== null && v !== '');
    if (values?.length && (d.flags as { only?: boolean } | undefined)?.only) base.enum = values;
  }
  if (nullable) base.nullable = true;
  return base;
}

const describe = (schema: Joi.Schema) => schema.describe() as JoiDescription;

/** OpenAPI 3 document generated from the same route table the router is built from. */
export function buildOpenApi(routes: readonly RouteSpec[], info: { version: string; serverUrl?: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`;
    const pathParams = [...route.path.matchAll(/[:*](\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryParams = route.query
      ? Object.entries(describe(route.query).keys ?? {}).map(([name, d]) => ({ name, in: 'query', required: d.flags?.presence === 'required', schema: toSchema(d) }))
      : [];
    const responses: Record<string, unknown> = {};
    for (const [status, description] of Object.entries(route.responses)) responses[status] = { description };
    for (const [status, description] of Object.entries(errorResponses(route))) responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      operationId: `${route.method}${route.path.replace(/[/:*]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(route.auth === false ? { security: [] } : {}),
      parameters: [...pathParams, ...queryParams],
      ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(describe(route.body)) } } } } : {}),
      ...(route.stream ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Parley API', version: info.version, description: 'REST API of Parley. Realtime events: see docs/websocket.md (GET /ws).' },
    servers: [{ url: info.serverUrl ?? '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object', required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } },
        },
      },
    },
    paths: {
      ...paths,
      '/health': { get: { tags: ['operations'], summary: 'The process is up', security: [], responses: { 200: { description: '{ status: "ok" }' } } } },
      '/ready': { get: { tags: ['operations'], summary: 'Every adapter is reachable', security: [], responses: { 200: { description: 'Ready' }, 503: { description: 'Some adapter is down' } } } },
      '/metrics': { get: { tags: ['operations'], summary: 'Prometheus metrics', security: [], responses: { 200: { description: 'Text exposition format' } } } },
      '/api/openapi.json': { get: { tags: ['operations'], summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3' } } } },
    },
  };
}

function errorResponses(route: RouteSpec): Record<number, string> {
  const out: Record<number, string> = { 422: 'Validation failed', 429: 'Rate limited (see Retry-After)' };
  if (route.body) out[400] = 'Malformed JSON';
  if (route.auth !== false) Object.assign(out, { 401: 'Missing, invalid or expired token', 403: 'Not allowed', 404: 'Not found (also: not a member)' });
  if (route.method !== 'get') out[409] = 'Conflict';
  return out;
}
