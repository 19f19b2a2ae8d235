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
  /**
   * Counted as plain numbers on the fan-out path (one per event per socket, one per write), read into their
   * counters when /metrics is scraped: a prom-client increment per socket would cost more than the count is worth.
   */
  readonly fanOut = { events: 0, writes: 0 };
  private readonly reported = { events: 0, writes: 0 };
  readonly eventsFannedOut = this.lazyCounter(
    'parley_events_fanned_out_total',
    'Realtime events delivered to sockets',
    'events',
  );
  readonly socketWrites = this.lazyCounter(
    'parley_socket_writes_total',
    'Socket writes of realtime frames (several events pending for a socket share one)',
    'writes',
  );

  private lazyCounter(name: string, help: string, key: 'events' | 'writes'): Counter {
    const counts = { live: this.fanOut, reported: this.reported };
    return new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.inc(counts.live[key] - counts.reported[key]);
        counts.reported[key] = counts.live[key];
      },
    });
  }

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }
}
