export { WebPushSender, generateVapidKeys, type VapidOptions } from './web-push-sender.js';
export { FcmSender, fcmMessage, type FcmOptions, type FcmServiceAccount } from './fcm-sender.js';
export { ApnsSender, apnsPayload, type ApnsOptions } from './apns-sender.js';
export { PushSenderByKind } from './by-kind.js';
