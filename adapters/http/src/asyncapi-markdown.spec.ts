import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { protocolTables } from './asyncapi-markdown.js';

const doc = fileURLToPath(new URL('../../../docs/websocket.md', import.meta.url));

describe('docs/websocket.md', () => {
  it(
    'holds the protocol tables rendered from the AsyncAPI schemas (npm run generate:client rewrites ' + 'them)',
    async () => {
      const text = await readFile(doc, 'utf8');
      const between = text.split('<!-- protocol:start -->')[1]?.split('<!-- protocol:end -->')[0];
      expect(between?.trim()).toBe(protocolTables());
    },
  );
});
