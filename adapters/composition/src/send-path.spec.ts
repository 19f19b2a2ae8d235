import { describe, it } from 'vitest';
import { sendPathContract } from '@parley/core/testkit';
import { createMemoryPorts } from '@parley/adapter-memory';
import type { ImageProcessor, Ports } from '@parley/core';

const images = {} as ImageProcessor;

// Memory stores cannot be restarted, only shared: every "process" gets the same stores.
sendPathContract({ describe, it }, async () => {
  const ports: Ports = createMemoryPorts({ images, logLevel: 'silent' });
  return { port: { process: () => ports }, teardown: async () => {} };
}, { holdMs: 300 });
