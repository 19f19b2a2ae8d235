import Joi from 'joi';
import { PUSH_KINDS, type DeliveryModule, type PushKind } from '@parley/core';
import { schemas } from '../request-schemas.js';
import { answer, reply, type RouteSpec } from './route.js';
import { ref, req } from '../responses/schema-kit.js';

const PushRegistered = ref(
  'PushRegistered',
  Joi.object(req({ id: Joi.string(), kind: Joi.string().valid('webpush', 'fcm', 'apns') })),
);

const PushConfig = ref(
  'PushConfig',
  Joi.object(
    req({
      webPushPublicKey: Joi.string().allow(null).description('The VAPID key to subscribe with (null: Web Push is off)'),
      kinds: Joi.array()
        .items(Joi.string().valid(...PUSH_KINDS))
        .description('The push services this server delivers to'),
    }),
  ),
);

/** Devices that want to be woken: registered by the session they signed in with. */
export function pushRoutes(
  delivery: DeliveryModule,
  config: { webPushPublicKey: string | null; kinds: readonly PushKind[] },
): RouteSpec[] {
  const tag = 'push';
  return [
    {
      method: 'get',
      path: '/push/config',
      tag,
      auth: false,
      summary: "Which push services the server delivers to, and its VAPID key for a browser's Web Push subscription",
      responses: { 200: answer('Push configuration', PushConfig) },
      handler: async () => ({ status: 200, body: { webPushPublicKey: config.webPushPublicKey, kinds: config.kinds } }),
    },
    {
      method: 'put',
      path: '/sessions/current/push',
      tag,
      summary:
        "Wake this device by push: a browser's Web Push subscription (`endpoint`, `keys`) or an FCM / APNs `token`; " +
        'it goes when this session ends',
      body: schemas.pushTarget,
      responses: { 200: answer('Registered', PushRegistered) },
      handler: async ({ actorId, principal, body }) =>
        reply(await delivery.registerPushTarget.execute({ actorId, sessionId: principal.sessionId, ...body })),
    },
    {
      method: 'delete',
      path: '/sessions/current/push',
      tag,
      summary: 'Stop push to this device',
      responses: { 204: 'Stopped' },
      handler: async ({ principal }) =>
        reply(await delivery.removePushTargets.execute({ sessionId: principal.sessionId }), 204),
    },
  ];
}
