export { WebPushSender, generateVapidKeys, type VapidOptions } from './web-push-sender.js';
