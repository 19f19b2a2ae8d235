import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Logger } from '@parley/core';
import type { HttpMetrics } from './metrics.js';

/** What the log and the metrics say of one answered request. */
export interface AnsweredRequest {
  method: string;
  /** The path as the router saw it (below /api/v1 for API routes). */
  path: string;
  /** The route's pattern, or `unmatched`. */
  route: string;
  userId: string | null;
}

/**
 * Every request's id (the client's `X-Request-Id`, or a new one) on its answer, and a log line and a latency
 * observation once it is answered. `answered` is asked when the response finishes, so it sees the route matched.
 * Returns the id; with `setHeader` false the caller puts it on the answer (the hot path writes its headers at once).
 */
export function logRequest(
  deps: { logger: Logger; metrics: HttpMetrics },
  clientRequestId: string | undefined,
  res: ServerResponse,
  answered: () => AnsweredRequest,
  setHeader = true,
): string {
  const started = process.hrtime.bigint();
  const requestId = clientRequestId?.slice(0, 64) || randomUUID();
  if (setHeader) res.setHeader('x-request-id', requestId);
  res.on('finish', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const { method, path, route, userId } = answered();
    const status = res.statusCode;
    deps.metrics.requestSeconds.observe({ method, route, status: String(status) }, ms / 1000);
    if (method === 'POST' && status === 201 && route === '/conversations/:cid/messages')
      deps.metrics.messagesSent.inc();
    deps.logger.info('request', { method, path, status, ms: Math.round(ms * 10) / 10, requestId, userId });
  });
  return requestId;
}
