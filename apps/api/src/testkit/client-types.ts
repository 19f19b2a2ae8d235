import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { protocolTables } from '@parley/adapter-http';
import { startTestApi } from '../test-server.js';

/** Where @parley/client keeps the REST types generated from this API's OpenAPI document. */
export const CLIENT_TYPES = fileURLToPath(new URL('../../../../client/src/generated/rest.ts', import.meta.url));

/** The client's REST types, generated from the OpenAPI document the API serves. */
export async function generateClientTypes(): Promise<string> {
  const api = await startTestApi({ WEB_CLIENT: 'false' }); // the same document whether the web client is built or not
  try {
    const document = await (await fetch(`${api.url}/api/openapi.json`)).json() as Record<string, unknown>;
    const banner = '// Generated from the API\'s OpenAPI document by `npm run generate:client` (apps/api/src/testkit/client-types.ts): do not edit.\n';
    return banner + astToString(await openapiTS(document as never, { alphabetize: true }));
  } finally {
    await api.stop();
  }
}

/** docs/websocket.md, whose protocol tables are rendered from the socket's schemas. */
export const WEBSOCKET_DOC = fileURLToPath(new URL('../../../../docs/websocket.md', import.meta.url));

// `npm run generate:client` writes them (and the protocol tables of docs/websocket.md); specs check both are current.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const types = await generateClientTypes();
  if ((await readFile(CLIENT_TYPES, 'utf8').catch(() => '')) !== types) await writeFile(CLIENT_TYPES, types);
  const doc = await readFile(WEBSOCKET_DOC, 'utf8');
  const [before, rest] = doc.split('<!-- protocol:start -->');
  const after = rest?.split('<!-- protocol:end -->')[1];
  if (after === undefined) throw new Error('docs/websocket.md lacks the <!-- protocol:start --> / <!-- protocol:end --> markers');
  await writeFile(WEBSOCKET_DOC, `${before}<!-- protocol:start -->\n${protocolTables()}\n<!-- protocol:end -->${after}`);
  process.stdout.write(`wrote ${CLIENT_TYPES} and the protocol tables of ${WEBSOCKET_DOC}\n`);
}
