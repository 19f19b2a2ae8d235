import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES, generateClientTypes, SOCKET_TYPES } from './testkit/client-types.js';

describe('@parley/client types', () => {
  it(
    'are generated from the OpenAPI and AsyncAPI documents this API serves (run `npm run generate:client` after ' +
      'changing a route or a frame)',
    async () => {
      const generated = await generateClientTypes();
      expect(await readFile(CLIENT_TYPES, 'utf8')).toBe(generated.rest);
      expect(await readFile(SOCKET_TYPES, 'utf8')).toBe(generated.socket);
    },
  );
});
