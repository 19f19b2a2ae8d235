export * from './domain/user.js';
export * from './domain/session.js';
export * from './ports/user-store.port.js';
export * from './ports/session-store.port.js';
export * from './ports/password-hasher.port.js';
export * from './ports/token-issuer.port.js';
export * from './policies/sessions.js';
