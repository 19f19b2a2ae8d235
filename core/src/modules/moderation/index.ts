export * from './domain/moderation.js';
export * from './domain/flags.js';
export * from './ports/audit-store.port.js';
export * from './ports/flag-store.port.js';
export * from './ports/report-store.port.js';
export * from './policies/audit.js';
export * from './policies/guards.js';
