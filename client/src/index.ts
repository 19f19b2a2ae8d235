export * from './client.js';
export * from './errors.js';
export * from './outbox.js';
export * from './protocol.js';
export * from './realtime.js';
export * from './session.js';
export * from './webhooks.js';
export type { components, paths } from './generated/rest.js';
export type { components as socketComponents } from './generated/socket.js';
