import Joi from 'joi';
import { WEBHOOK_EVENT_TYPES, type IntegrationsModule } from '@parley/core';
import { schemas } from '../request-schemas.js';
import { answer, reply, type RouteSpec } from './route.js';
import { count, date, id, optionalDate, ref, req } from '../responses/schema-kit.js';

const Secret = Joi.object(req({ createdAt: date, expiresAt: optionalDate, last4: Joi.string() }));
const webhookKeys = {
  id,
  ownerId: id,
  url: Joi.string(),
  description: Joi.string().allow(''),
  scope: Joi.object({
    kind: Joi.string().valid('conversations', 'platform').required(),
    conversationIds: Joi.array().items(id),
  }),
  eventTypes: Joi.array()
    .items(Joi.string().valid(...WEBHOOK_EVENT_TYPES))
    .allow(null),
  secrets: Joi.array().items(Secret).description('Newest first; the secrets themselves are shown only once'),
  state: Joi.string().valid('active', 'paused'),
  pausedReason: Joi.string().valid('manual', 'failing').allow(null),
  createdAt: date,
  updatedAt: date,
};
const Webhook = ref('IntegrationWebhook', Joi.object(req(webhookKeys)));
const Progress = Joi.object(
  req({
    conversationId: id,
    deliveredThrough: count.description('Every event up to this eventSeq was answered 2xx (or filtered out)'),
    lastEventSeq: count,
    failures: count.description('Failed attempts in a row at the next event'),
    retryAt: optionalDate,
    lastError: Joi.string().allow(null),
  }),
);
const WebhookWithProgress = ref(
  'IntegrationWebhookProgress',
  Joi.object(req({ ...webhookKeys, progress: Joi.array().items(Progress) })),
);
const WebhookWithSecret = ref(
  'IntegrationWebhookWithSecret',
  Joi.object(req({ webhook: Webhook, secret: Joi.string().description('The signing secret: shown this once') })),
);
const Webhooks = ref('IntegrationWebhooks', Joi.object(req({ data: Joi.array().items(Webhook) })));
const Replay = ref('WebhookReplay', Joi.object(req({ conversationId: id, from: count })));
const Failure = Joi.object(
  req({
    id,
    webhookId: id,
    conversationId: id,
    eventId: Joi.string(),
    eventSeq: count,
    at: date,
    status: Joi.number().integer().allow(null),
    error: Joi.string(),
  }),
);
const Failures = ref('WebhookFailures', Joi.object(req({ data: Joi.array().items(Failure) })));

/** Integration webhooks over REST (platform admins): subscribe, pause, resume, rotate, replay, read failures. */
export function webhookRoutes(integrations: IntegrationsModule): RouteSpec[] {
  const tag = 'webhooks';
  const staff = true;
  return [
    {
      method: 'post',
      path: '/admin/webhooks',
      tag,
      staff,
      summary: 'Subscribe an endpoint to the events of chosen conversations, or of every group and channel (admin)',
      body: schemas.createWebhook,
      responses: { 201: answer('The webhook and its signing secret, this once', WebhookWithSecret) },
      handler: async ({ actorId, body }) => reply(await integrations.createWebhook.execute({ actorId, ...body }), 201),
    },
    {
      method: 'get',
      path: '/admin/webhooks',
      tag,
      staff,
      summary: 'The integration webhooks (admin)',
      query: schemas.page,
      responses: { 200: answer('The webhooks, by id', Webhooks) },
      handler: async ({ actorId, query }) =>
        reply(
          await integrations.listWebhooks.execute({ actorId, afterId: query.cursor, limit: query.limit }),
          200,
          (data) => ({ data }),
        ),
    },
    {
      method: 'get',
      path: '/admin/webhooks/:id',
      tag,
      staff,
      summary: 'A webhook, with how far it got in each conversation (admin)',
      responses: { 200: answer('The webhook', WebhookWithProgress) },
      handler: async ({ actorId, params }) => reply(await integrations.getWebhook.execute({ actorId, id: params.id! })),
    },
    {
      method: 'patch',
      path: '/admin/webhooks/:id',
      tag,
      staff,
      summary: 'Pause or resume a webhook, or change its URL, description or event types (admin)',
      body: schemas.updateWebhook,
      responses: { 200: answer('The webhook', Webhook) },
      handler: async ({ actorId, params, body }) =>
        reply(await integrations.updateWebhook.execute({ actorId, id: params.id!, ...body })),
    },
    {
      method: 'delete',
      path: '/admin/webhooks/:id',
      tag,
      staff,
      summary: 'Remove a webhook (admin)',
      responses: { 204: 'Removed' },
      handler: async ({ actorId, params }) =>
        reply(await integrations.deleteWebhook.execute({ actorId, id: params.id! }), 204),
    },
    {
      method: 'post',
      path: '/admin/webhooks/:id/secret',
      tag,
      staff,
      summary: 'A new signing secret; the old one still signs for keepOldForMs (default 24 hours) (admin)',
      body: schemas.rotateWebhookSecret,
      responses: { 200: answer('The new secret, this once, and the webhook', WebhookWithSecret) },
      handler: async ({ actorId, params, body }) =>
        reply(await integrations.rotateWebhookSecret.execute({ actorId, id: params.id!, ...body })),
    },
    {
      method: 'post',
      path: '/admin/webhooks/:id/replay',
      tag,
      staff,
      summary: "Deliver a conversation's events again from eventSeq `from` on (admin)",
      body: schemas.replayWebhook,
      refusals: { 409: ['delivery_busy'] },
      responses: { 202: answer('Where the replay starts', Replay) },
      handler: async ({ actorId, params, body }) =>
        reply(await integrations.replayWebhook.execute({ actorId, id: params.id!, ...body }), 202),
    },
    {
      method: 'get',
      path: '/admin/webhooks/:id/failures',
      tag,
      staff,
      summary: "A webhook's failed attempts, newest first (admin)",
      query: Joi.object({ limit: Joi.number().integer().min(1).max(500) }),
      responses: { 200: answer('Failed attempts', Failures) },
      handler: async ({ actorId, params, query }) =>
        reply(
          await integrations.listWebhookFailures.execute({ actorId, id: params.id!, limit: query.limit }),
          200,
          (data) => ({ data }),
        ),
    },
  ];
}
