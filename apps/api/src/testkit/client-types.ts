import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { startTestApi } from '../test-server.js';

/** Where @parley/client keeps the REST types generated from this API's OpenAPI document. */
export const CLIENT_TYPES = fileURLToPath(new URL('../../../../client/src/generated/rest.ts', import.meta.url));

/** The client's REST types, generated from the OpenAPI document the API serves. */
export async function generateClientTypes(): Promise<string> {
  const api = await startTestApi();
  try {
    const document = await (await fetch(`${api.url}/api/openapi.json`)).json() as Record<string, unknown>;
    const banner = '// Generated from the API\'s OpenAPI document by `npm run generate:client` (apps/api/src/testkit/client-types.ts): do not edit.\n';
    return banner + astToString(await openapiTS(document as never, { alphabetize: true }));
  } finally {
    await api.stop();
  }
}

// `npm run generate:client` writes them; the spec beside this file checks they are current.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const types = await generateClientTypes();
  if ((await readFile(CLIENT_TYPES, 'utf8').catch(() => '')) !== types) await writeFile(CLIENT_TYPES, types);
  process.stdout.write(`wrote ${CLIENT_TYPES}\n`);
}
