export * from './clock.port.js';
export * from './id-generator.port.js';
export * from './logger.port.js';
export * from './rate-limiter.port.js';
