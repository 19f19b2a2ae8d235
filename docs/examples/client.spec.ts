import { describe, expect, it } from 'vitest';
import { startTestApi } from '../../apps/api/src/test-server.js';
import { hello } from './client.js';

describe('the @parley/client example in the README', () => {
  it("delivers Ann's message to Bob's socket", async () => {
    const api = await startTestApi();
    try {
      expect(await hello(api.url)).toBe('Hi Bob!');
    } finally {
      await api.stop();
    }
  });
});
