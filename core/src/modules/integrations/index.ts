export * from './domain/webhook.js';
export * from './ports/integration-webhook-store.port.js';
export * from './ports/webhook-delivery-log.port.js';
export * from './ports/event-webhook-sender.port.js';
export * from './use-cases/manage-webhooks.use-case.js';
export * from './use-cases/deliver-webhooks.use-case.js';
export * from './integrations.module.js';
