export { StandInPushService, StandInSubscription, selfSignedCertificate } from './web-push-service.js';
