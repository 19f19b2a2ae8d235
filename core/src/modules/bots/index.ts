export * from './domain/bot.js';
export * from './domain/bot-update.js';
export * from './ports/bot-store.port.js';
export * from './ports/bot-update-store.port.js';
export * from './ports/numeric-id-store.port.js';
