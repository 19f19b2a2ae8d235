import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES, generateClientTypes } from './testkit/client-types.js';

describe('@parley/client REST types', () => {
  it('are generated from the OpenAPI document this API serves (run `npm run generate:client` after changing a route)', async () => {
    expect(await readFile(CLIENT_TYPES, 'utf8')).toBe(await generateClientTypes());
  });
});
