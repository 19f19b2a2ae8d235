import { describe, it } from 'vitest';
import { sendPathContract } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import { createSystemPorts } from '@parley/adapter-node-system';
import type { ImageProcessor, Ports } from '@parley/core';
import { withAccessCache } from '@parley/adapter-access-cache';

const images = {} as ImageProcessor;

// Memory stores cannot be restarted, only shared: every "process" gets the same stores (and its own access cache).
sendPathContract(
  { describe, it },
  async () => {
    const ports: Ports = createMemoryPorts({ ...createSystemPorts({ logLevel: 'silent' }), images });
    return { port: { process: () => withAccessCache(ports) }, teardown: async () => {} };
  },
  { holdMs: 300 },
);
