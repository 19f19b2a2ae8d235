export { createHttpApp, routeTable, type HttpConfig, type HttpDeps } from './http-app.js';
export { HttpMetrics } from './metrics.js';
export { buildOpenApi } from './openapi.js';
export { buildAsyncApi } from './asyncapi.js';
export { protocolTables } from './asyncapi-markdown.js';
export { STATUS_BY_ERROR, HttpError } from './errors.js';
export type { RouteSpec } from './routes/route.js';
export type { SignedBlobServer } from './routes/media.routes.js';
export { WebSocketGateway, CLOSE, type GatewayConfig, type GatewayDeps } from './ws/gateway.js';
export {
  RequestLimits,
  memoryCounters,
  type CounterFactory,
  type LimitRule,
  type RequestLimitRules,
} from './request-limits.js';
