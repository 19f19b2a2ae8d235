import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process, exposed at /metrics. */
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requestSeconds = new Histogram({
    name: 'parley_http_request_duration_seconds',
    help: 'REST request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly openSockets = new Gauge({
    name: 'parley_ws_open_sockets',
    help: 'Open WebSocket connections',
    registers: [this.registry],
  });
  readonly messagesSent = new Counter({
    name: 'parley_messages_sent_total',
    help: 'Messages created (retries excluded)',
    registers: [this.registry],
  });
  readonly eventsFannedOut = new Counter({
    name: 'parley_events_fanned_out_total',
    help: 'Realtime frames delivered to sockets',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }
}
