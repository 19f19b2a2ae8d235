import type Joi from 'joi';
import type { RouteSpec } from './routes/route.js';

type JsonSchema = Record<string, unknown>;

interface JoiDescription {
  type?: string;
  flags?: {
    presence?: string;
    default?: unknown;
    only?: boolean;
    unknown?: boolean;
    unsafe?: boolean;
    description?: string;
  };
  keys?: Record<string, JoiDescription>;
  items?: JoiDescription[];
  allow?: unknown[];
  rules?: { name: string; args?: { limit?: number; min?: number; max?: number; regex?: string } }[];
  metas?: Record<string, unknown>[];
  matches?: { schema?: JoiDescription; switch?: { then: JoiDescription }[]; otherwise?: JoiDescription }[];
  patterns?: { rule: JoiDescription }[];
}

/** Named schemas collected while converting (joi `meta({ ref })`), emitted under components.schemas. */
type Components = Record<string, JsonSchema>;

/**
 * joi -> JSON Schema (OpenAPI 3.0 dialect), exact for the constructs Parley's schemas use, so what the
 * document promises is what the server enforces: lengths in code points (the `text` type), patterns,
 * bounds, enums, closed objects, nullable values, and alternatives (anyOf; oneOf when switched on a field).
 */
export function toSchema(d: JoiDescription, components?: Components): JsonSchema {
  const meta = Object.assign({}, ...(d.metas ?? [])) as Record<string, unknown>;
  const nullable = d.allow?.includes(null) ?? false;
  if (typeof meta.ref === 'string' && components) {
    const { metas: _metas, allow, ...rest } = d;
    const named = allow?.filter((v) => v !== null);
    components[meta.ref] ??= toSchema({ ...rest, ...(named?.length ? { allow: named } : {}) }, components);
    // OpenAPI 3.0 ignores siblings of $ref, so a nullable reference is an allOf.
    return nullable
      ? { nullable: true, allOf: [{ $ref: `#/components/schemas/${meta.ref}` }] }
      : { $ref: `#/components/schemas/${meta.ref}` };
  }
  const convert = (x: JoiDescription) => toSchema(x, components);
  const rule = (name: string) => d.rules?.find((r) => r.name === name)?.args;
  const base: JsonSchema = {};
  if (d.type === 'alternatives') {
    const match = d.matches?.[0];
    if (match?.switch) base.oneOf = match.switch.map((branch) => convert(branch.then));
    else base.anyOf = (d.matches ?? []).map((m) => convert(m.schema ?? {}));
  } else if (d.type === 'object') {
    base.type = 'object';
    base.properties = Object.fromEntries(Object.entries(d.keys ?? {}).map(([k, v]) => [k, convert(v)]));
    base.additionalProperties = d.patterns?.[0] ? convert(d.patterns[0].rule) : d.flags?.unknown === true;
    const required = Object.entries(d.keys ?? {})
      .filter(([, v]) => v.flags?.presence === 'required')
      .map(([k]) => k);
    if (required.length) base.required = required;
    if (rule('min')?.limit !== undefined) base.minProperties = rule('min')!.limit;
  } else if (d.type === 'array') {
    base.type = 'array';
    if (d.items?.[0]) base.items = convert(d.items[0]);
    const exact = rule('length')?.limit;
    const min = exact ?? rule('min')?.limit;
    const max = exact ?? rule('max')?.limit;
    if (min !== undefined) base.minItems = min;
    if (max !== undefined) base.maxItems = max;
    if (d.rules?.some((r) => r.name === 'unique')) base.uniqueItems = true;
  } else if (d.type === 'number') {
    base.type = d.rules?.some((r) => r.name === 'integer') ? 'integer' : 'number';
    if (rule('min')?.limit !== undefined) base.minimum = rule('min')!.limit;
    if (rule('max')?.limit !== undefined) base.maximum = rule('max')!.limit;
    // joi refuses numbers past 2^53 - 1 unless told otherwise ("must be a safe number"): the document says so too.
    if (d.flags?.unsafe !== true) {
      base.minimum ??= Number.MIN_SAFE_INTEGER;
      base.maximum ??= Number.MAX_SAFE_INTEGER;
    }
  } else if (d.type === 'string' || d.type === 'text') {
    base.type = 'string';
    const chars = rule('chars');
    if (chars) Object.assign(base, { minLength: chars.min, maxLength: chars.max });
    const regex = rule('pattern')?.regex;
    if (regex) base.pattern = regex.slice(1, regex.lastIndexOf('/'));
    const values = d.allow?.filter((v) => v !== null && v !== '');
    if (values?.length && d.flags?.only) base.enum = values;
    if (d.rules?.some((r) => r.name === 'isoDate') || meta.format) base.format = meta.format ?? 'date-time';
  } else if (d.type === 'boolean') {
    base.type = 'boolean';
  }
  if (d.flags?.default !== undefined && typeof d.flags.default !== 'function') base.default = d.flags.default;
  if (nullable) base.nullable = true;
  return base;
}

const describe = (schema: Joi.Schema) => schema.describe() as JoiDescription;

/** A body whose every field is optional may be left out (the server reads no body as {}); others may not. */
const bodyRequired = (d: JoiDescription): boolean =>
  d.type !== 'object' ||
  (d.rules?.some((r) => r.name === 'min') ?? false) ||
  Object.values(d.keys ?? {}).some((k) => k.flags?.presence === 'required');

/** OpenAPI 3 document generated from the same route table the router is built from. */
const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const operational = {
  403: { description: 'Address not allowed (IP_ALLOW / IP_BLOCK)', content: errorContent },
  429: { description: 'Rate limited', content: errorContent },
  431: { description: 'Request headers too large' },
};

export function buildOpenApi(
  routes: readonly RouteSpec[],
  info: { version: string; serverUrl?: string; webClient?: boolean },
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  const components: Components = {};
  for (const route of routes) {
    const path = `/api/v1${route.path.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`;
    const pathParams = [...route.path.matchAll(/[:*](\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: route.paramValues?.[m[1]!] ? { type: 'string', enum: route.paramValues[m[1]!] } : { type: 'string' },
    }));
    const queryParams = route.query
      ? Object.entries(describe(route.query).keys ?? {}).map(([name, d]) => ({
          name,
          in: 'query',
          required: d.flags?.presence === 'required',
          schema: toSchema(d, components),
        }))
      : [];
    const responses: Record<string, unknown> = {};
    for (const [status, answer] of Object.entries(route.responses)) {
      responses[status] =
        typeof answer === 'string'
          ? { description: answer }
          : {
              description: answer.description,
              content: {
                [answer.contentType ?? 'application/json']: {
                  schema: answer.schema
                    ? toSchema(describe(answer.schema), components)
                    : { type: 'string', format: 'binary' },
                },
              },
            };
    }
    // 431 comes from Node's HTTP parser before any route runs: no body.
    for (const [status, description] of Object.entries(errorResponses(route)))
      responses[status] = status === '431' ? { description } : { description, content: errorContent };
    (paths[path] ??= {})[route.method] = {
      tags: [route.tag],
      summary: route.summary,
      operationId: `${route.method}${route.path.replace(/[/:*]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
      ...(route.auth === false ? { security: [] } : {}),
      parameters: [...pathParams, ...queryParams],
      ...(route.body
        ? {
            requestBody: {
              required: bodyRequired(describe(route.body)),
              content: { 'application/json': { schema: toSchema(describe(route.body), components) } },
            },
          }
        : {}),
      ...(route.stream
        ? {
            requestBody: {
              required: true,
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Parley API',
      version: info.version,
      description:
        'REST API of Parley. Realtime events: the socket at GET /ws, described by /api/asyncapi.json and ' +
        'docs/websocket.md.',
    },
    servers: [{ url: info.serverUrl ?? '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ...components,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
    paths: {
      ...paths,
      '/health': {
        get: {
          tags: ['operations'],
          summary: 'The process is up',
          security: [],
          responses: { 200: { description: '{ status: "ok" }' }, ...operational },
        },
      },
      '/ready': {
        get: {
          tags: ['operations'],
          summary: 'Every adapter is reachable',
          security: [],
          responses: { 200: { description: 'Ready' }, 503: { description: 'Some adapter is down' }, ...operational },
        },
      },
      '/metrics': {
        get: {
          tags: ['operations'],
          summary: 'Prometheus metrics (METRICS_TOKEN as a bearer token when set)',
          security: [],
          responses: {
            200: { description: 'Text exposition format' },
            401: { description: 'METRICS_TOKEN required' },
            404: { description: 'Not served on this port (production without METRICS_TOKEN)' },
            ...operational,
          },
        },
      },
      '/api/openapi.json': {
        get: {
          tags: ['operations'],
          summary: 'This document',
          security: [],
          responses: { 200: { description: 'OpenAPI 3' }, ...operational },
        },
      },
      ...(info.webClient
        ? {
            '/': {
              get: {
                tags: ['web'],
                summary: 'Redirects to the web client',
                security: [],
                responses: { 302: { description: 'Location: /app/' }, ...operational },
              },
            },
            '/app': {
              get: {
                tags: ['web'],
                summary: 'Redirects to the web client (/app/, whose files it serves)',
                security: [],
                responses: { 302: { description: 'Location: /app/' }, ...operational },
              },
            },
          }
        : {}),
      '/api/asyncapi.json': {
        get: {
          tags: ['operations'],
          summary: 'The WebSocket protocol (GET /ws) as an AsyncAPI 3 document',
          security: [],
          responses: { 200: { description: 'AsyncAPI 3' }, ...operational },
        },
      },
      '/api/bot-api.json': {
        get: {
          tags: ['operations'],
          summary: 'The Telegram-compatible Bot API (/bot{token}/{method}) as an OpenAPI document of its own',
          security: [],
          responses: { 200: { description: 'OpenAPI 3.0' }, ...operational },
        },
      },
    },
  };
}

/**
 * Every error status a route can answer, so clients and fuzzers can rely on the list: the edge's own
 * (auth, validation, body parsing, limits, header size) and the domain's (see STATUS_BY_ERROR).
 */
function errorResponses(route: RouteSpec): Record<number, string> {
  const out: Record<number, string> = {
    403: 'Not allowed (also: the address is not allowed, IP_ALLOW / IP_BLOCK)',
    422: 'Validation failed',
    429: 'Rate limited (see Retry-After)',
    431: 'Request headers (or URL) too large',
    503:
      'A server it needs (database, object storage, job queue) is unavailable: database_unavailable, ' +
      'storage_unavailable or queue_unavailable; try again (see Retry-After)',
  };
  if (route.body) Object.assign(out, { 400: 'Malformed JSON', 413: 'Body too large', 415: 'Not JSON' });
  if (route.path === '/auth/login' || route.path === '/auth/refresh')
    out[401] = 'Wrong login or password / invalid refresh token';
  if (route.path === '/auth/2fa/verify') out[401] = 'Wrong code (invalid_code), or a code used already';
  if (route.auth !== false)
    Object.assign(out, {
      401: 'Missing, invalid or expired token, or the session ended',
      403: 'Not allowed',
      404: 'Not found (also: not a member)',
    });
  if (route.method !== 'get' || route.auth !== false) out[409] = 'Conflict with the current state';
  if (route.stream)
    Object.assign(out, {
      400: 'Fewer bytes than the signed size',
      403: 'Invalid or expired signature',
      413: 'More bytes than the signed size',
    });
  if (route.path.startsWith('/blobs/'))
    Object.assign(out, { 403: 'Invalid or expired signature', 404: 'No such blob' });
  for (const [status, codes] of Object.entries(route.refusals ?? {}))
    out[Number(status)] = `${out[Number(status)] ?? 'Refused'}; codes: ${codes.map((c) => `\`${c}\``).join(', ')}`;
  return out;
}

/** OpenAPI 3.0's `nullable: true` spelled as JSON Schema (Ajv wants a type beside nullable; a $ref has none). */
export function toJsonSchemaDialect(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchemaDialect);
  if (!value || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchemaDialect(v)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string')
    return {
      ...converted,
      type: [converted.type, 'null'],
      ...(Array.isArray(converted.enum) ? { enum: [...converted.enum, null] } : {}),
    };
  return { anyOf: [converted, { type: 'null' }] };
}
