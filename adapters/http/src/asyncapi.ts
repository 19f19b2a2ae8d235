import type Joi from 'joi';
import { toJsonSchemaDialect, toSchema } from './openapi.js';
import { CLOSE_CODES, COMMANDS, EVENTS, FRAMES } from './ws/protocol.js';

type JsonSchema = Record<string, unknown>;

const mapValues = (value: unknown, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries((value ?? {}) as JsonSchema).map(([k, v]) => [k, f(v)]));

const messageName = (kind: string, name: string) =>
  `${kind}.${name}`.replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());

/**
 * The AsyncAPI 3 document of the socket at /ws, from the same joi schemas the gateway's protocol is
 * written in (ws/protocol.ts) and the same converter as the OpenAPI document. It describes the server:
 * it receives commands and sends frames.
 */
export function buildAsyncApi(info: { version: string }): JsonSchema {
  const schemas: Record<string, JsonSchema> = {};
  const convert = (schema: Joi.Schema) =>
    toJsonSchemaDialect(toSchema(schema.describe() as never, schemas)) as JsonSchema;
  const messages: Record<string, JsonSchema> = {};
  const add = (kind: string, name: string, schema: Joi.Schema) => {
    const key = messageName(kind, name);
    messages[key] = {
      name,
      title: `${kind} ${name}`,
      summary: (schema.describe() as { flags?: { description?: string } }).flags?.description ?? name,
      contentType: 'application/json',
      payload: convert(schema),
    };
    return key;
  };
  const commands = Object.entries(COMMANDS).map(([name, schema]) => add('command', name, schema));
  const frames = Object.entries(FRAMES).map(([name, schema]) => add('frame', name, schema));
  const ref = (key: string) => ({ $ref: `#/channels/socket/messages/${key}` });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Parley WebSocket',
      version: info.version,
      description:
        'One socket per device at GET /ws (see docs/websocket.md). Every command carries a client-chosen id and is ' +
        'answered by an ack or an error frame with that id. ' +
        `Close codes: ${Object.entries(CLOSE_CODES)
          .map(([code, why]) => `${code} ${why}`)
          .join('; ')}.`,
    },
    servers: {
      api: {
        host: 'localhost:3000',
        protocol: 'ws',
        pathname: '/ws',
        description: 'The API server (same port as REST); wss behind TLS',
      },
    },
    channels: {
      socket: {
        address: '/ws',
        title: 'The socket',
        description:
          'Authenticate with Authorization: Bearer <token> on the upgrade, the subprotocols ["parley.v1", ' +
          '"parley.bearer.<token>"], or an auth command as the first frame. Offer "parley.v2" (instead of, or ' +
          'beside, "parley.v1") to take batch frames: what waits for the socket in one turn of the server comes ' +
          'in one frame; a parley.v1 client gets each frame on its own (several may share one TCP write).',
        messages: Object.fromEntries(
          Object.keys(messages).map((key) => [key, { $ref: `#/components/messages/${key}` }]),
        ),
      },
    },
    operations: {
      receiveCommand: {
        action: 'receive',
        channel: { $ref: '#/channels/socket' },
        summary: 'Commands from the client',
        messages: commands.map(ref),
      },
      sendFrame: {
        action: 'send',
        channel: { $ref: '#/channels/socket' },
        summary: 'Frames to the client: ready, acks, errors, pongs and realtime events',
        messages: frames.map(ref),
      },
    },
    components: { messages, schemas: mapValues(schemas, toJsonSchemaDialect) },
  };
}

/** For tests: the names of the events a socket can receive (the `event.type` values). */
export const EVENT_TYPES = Object.keys(EVENTS);
