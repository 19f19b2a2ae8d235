import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { protocolTables } from '@parley/adapter-http';
import { startTestApi } from '../test-server.js';

/** Where @parley/client keeps the types generated from this API's documents. */
export const CLIENT_TYPES = fileURLToPath(new URL('../../../../client/src/generated/rest.ts', import.meta.url));
export const SOCKET_TYPES = fileURLToPath(new URL('../../../../client/src/generated/socket.ts', import.meta.url));

type Json = Record<string, unknown>;
const banner = (source: string) =>
  `// Generated from the API's ${source} by \`npm run generate:client\` (apps/api/src/testkit/client-types.ts): do ` +
  `not edit.\n`;

/**
 * The client's types, generated from the documents the API serves: REST from /api/openapi.json, the
 * socket's frames from /api/asyncapi.json (its schemas and message payloads, typed by the same generator
 * through an OpenAPI 3.1 wrapper: both are JSON Schema).
 */
export async function generateClientTypes(): Promise<{ rest: string; socket: string }> {
  const api = await startTestApi({ WEB_CLIENT: 'false' }); // the same document whether the web client is built or not
  try {
    const openapi = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as Json;
    const asyncapi = (await (await fetch(`${api.url}/api/asyncapi.json`)).json()) as {
      info: Json;
      components: { schemas: Json; messages: Record<string, { payload: unknown }> };
    };
    const payloads = Object.fromEntries(
      Object.entries(asyncapi.components.messages).map(([key, message]) => [
        key[0]!.toUpperCase() + key.slice(1),
        message.payload,
      ]),
    );
    const socket = {
      openapi: '3.1.0',
      info: asyncapi.info,
      paths: {},
      components: { schemas: { ...asyncapi.components.schemas, ...payloads } },
    };
    return {
      rest: banner('OpenAPI document') + astToString(await openapiTS(openapi as never, { alphabetize: true })),
      socket: banner('AsyncAPI document') + astToString(await openapiTS(socket as never, { alphabetize: true })),
    };
  } finally {
    await api.stop();
  }
}

/** docs/websocket.md, whose protocol tables are rendered from the socket's schemas. */
export const WEBSOCKET_DOC = fileURLToPath(new URL('../../../../docs/websocket.md', import.meta.url));

// `npm run generate:client` writes them (and the protocol tables of docs/websocket.md); specs check both are current.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const types = await generateClientTypes();
  if ((await readFile(CLIENT_TYPES, 'utf8').catch(() => '')) !== types.rest) await writeFile(CLIENT_TYPES, types.rest);
  if ((await readFile(SOCKET_TYPES, 'utf8').catch(() => '')) !== types.socket)
    await writeFile(SOCKET_TYPES, types.socket);
  const doc = await readFile(WEBSOCKET_DOC, 'utf8');
  const [before, rest] = doc.split('<!-- protocol:start -->');
  const after = rest?.split('<!-- protocol:end -->')[1];
  if (after === undefined)
    throw new Error('docs/websocket.md lacks the <!-- protocol:start --> / <!-- protocol:end --> markers');
  await writeFile(
    WEBSOCKET_DOC,
    `${before}<!-- protocol:start -->\n${protocolTables()}\n<!-- protocol:end -->${after}`,
  );
  process.stdout.write(`wrote ${CLIENT_TYPES}, ${SOCKET_TYPES} and the protocol tables of ${WEBSOCKET_DOC}\n`);
}
