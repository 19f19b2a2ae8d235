import { toSchema } from '../openapi.js';
import { BOT_METHODS, type BotMethod } from './bot-methods.js';

type Schema = Record<string, unknown>;

const failure = {
  description: 'Refused, in the Bot API’s words',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['ok', 'error_code', 'description'],
        properties: {
          ok: { type: 'boolean', enum: [false] },
          error_code: { type: 'integer' },
          description: { type: 'string' },
          parameters: { type: 'object', properties: { retry_after: { type: 'integer' } } },
        },
      },
    },
  },
};

const token = {
  name: 'token',
  in: 'path',
  required: true,
  description: "The bot's token, `<number>:<secret>` (POST /api/v1/bots)",
  schema: { type: 'string' },
};

/**
 * The Telegram-compatible Bot API as an OpenAPI 3.0 document of its own (served at /api/bot-api.json), written from
 * the parameter schemas the server validates with. Each method is `/bot{token}/{method}`: POST with a JSON body, or
 * GET with the parameters in the query string (their text forms). Forms (POST, urlencoded) are taken too.
 */
export function buildBotApiDocument(version: string) {
  const components: Record<string, Schema> = {};
  const answers = (method: BotMethod) => ({
    200: {
      description: 'Done',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['ok', 'result'],
            properties: {
              ok: { type: 'boolean', enum: [true] },
              result: toSchema(method.result.describe() as never, components),
            },
          },
        },
      },
    },
    ...Object.fromEntries([400, 401, 403, 404, 409, 413, 429].map((code) => [code, failure])),
  });
  const paths: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(BOT_METHODS)) {
    const body = toSchema(method.params.unknown(true).describe() as never, components);
    const required = new Set((body.required as string[] | undefined) ?? []);
    const properties = (body.properties ?? {}) as Record<string, Schema & { anyOf?: Schema[] }>;
    // A query string carries text only: each parameter's text form (digits, true/false, JSON text).
    const query = Object.entries(properties).map(([key, schema]) => ({
      name: key,
      in: 'query',
      required: required.has(key),
      schema: schema.anyOf?.find((s) => s.type === 'string') ?? schema,
    }));
    // Files go up as parts of multipart/form-data, beside the other parameters' text forms.
    const multipart = method.files && {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [...required],
          properties: {
            ...Object.fromEntries(query.map((q) => [q.name, q.schema])),
            ...Object.fromEntries(method.files.map((f) => [f, { type: 'string', format: 'binary' }])),
          },
        },
      },
    };
    paths[`/bot{token}/${name}`] = {
      get: {
        operationId: `${name}ByQuery`,
        summary: `${method.summary} (parameters in the query string)`,
        tags: ['bot api'],
        parameters: [token, ...query],
        responses: answers(method),
      },
      post: {
        operationId: name,
        summary: method.summary,
        tags: ['bot api'],
        parameters: [token],
        requestBody: {
          required: required.size > 0,
          content: { 'application/json': { schema: body }, ...multipart },
        },
        responses: answers(method),
      },
    };
  }
  paths['/file/bot{token}/{file_path}'] = {
    get: {
      operationId: 'downloadFile',
      summary: "A file's bytes, at the file_path getFile answered",
      tags: ['bot api'],
      parameters: [token, { name: 'file_path', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        200: {
          description: 'The bytes',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        },
        401: failure,
        404: failure,
      },
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'Parley Bot API',
      version,
      description: "Telegram's Bot API on Parley: point a bot library's API root at this server (docs/bots.md)",
    },
    paths,
    components: { schemas: components },
  };
}
