import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BlobStore, JobQueue, Logger, PUSH_KINDS, type Ports, type Parley } from '@parley/core';
import { createHttpApp, WebSocketGateway, type HttpMetrics, type SignedBlobServer } from '@parley/adapter-http';
import type { Container } from 'inversify';
import {
  buildContainer,
  CachedAccessView,
  closeAll,
  connectAdapters,
  defaultLogger,
  runJobs,
  TOKENS,
  type ApiConfig,
  type Overrides,
} from '@parley/runtime';

export interface RunningApi {
  url: string;
  port: number;
  container: Container;
  parley: Parley;
  adapters: Record<string, string>;
  /** Whether the web client is served at /app/. */
  webClient: boolean;
  gateway: WebSocketGateway;
  /** The Express application (for tests that inspect its routes). */
  app: ReturnType<typeof createHttpApp>['app'];
  /** Graceful shutdown: stop accepting, close sockets with 1001, finish queued jobs, close the server. */
  stop(): Promise<void>;
}

const isSignedBlobServer = (blobs: unknown): blobs is SignedBlobServer =>
  typeof (blobs as SignedBlobServer).verify === 'function';

/** Builds the container and starts HTTP + WebSocket on the configured port (0: any free port). */
export async function startApi(requested: ApiConfig, overrides: Overrides = {}): Promise<RunningApi> {
  // Listening comes first (so PORT=0 can be resolved); until the app is built, requests get 503.
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  /** What the start is doing now, in the 503 `starting` answer: a start that takes long says where it waits. */
  let phase = 'listening';
  // Room for the longest query the API document allows (presence lists up to 8,000 characters, which
  // percent-encoded may take 96 KB) so such a request reaches validation instead of a bare 431.
  const server: Server = createHttpServer({ maxHeaderSize: 128 * 1024 }, (req, res) => {
    if (handler) return handler(req, res);
    res
      .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
      .end(JSON.stringify({ error: { code: 'starting', message: `the server is starting: ${phase}` } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(requested.port, requested.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  // With PORT=0 the URL handed to clients is known only now.
  const config = requested.port === 0 ? { ...requested, publicUrl: `http://127.0.0.1:${port}` } : requested;
  const bootLogger = overrides.logger ?? defaultLogger(config);
  /**
   * A start that fails after listening leaves nothing behind: what it opened is closed and the port is free again
   * (startWhenReachable tries again on the same port; a half-closed listener made that EADDRINUSE).
   */
  const abandon = async (error: unknown, opened: (() => Promise<unknown>)[] = []): Promise<never> => {
    phase = `closing what a failed start opened (${String(error)})`;
    await closeAll([...opened].reverse());
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearInterval(slow);
    throw error;
  };
  // A start that takes long says in the log, every 15 s, which step it waits on.
  const startedAt = Date.now();
  const slow = setInterval(
    () => bootLogger.warn('still starting', { step: phase, seconds: Math.round((Date.now() - startedAt) / 1000) }),
    15_000,
  );
  slow.unref();
  const real = await connectAdapters(config, bootLogger, (step) => (phase = step)).catch((error: unknown) =>
    abandon(error),
  );
  const container = buildContainer(config, overrides, real);
  const ports = container.get<Ports>(TOKENS.Ports);
  const parley = container.get<Parley>(TOKENS.Parley);
  const metrics = container.get<HttpMetrics>(TOKENS.Metrics);
  const logger = container.get<Logger>(Logger);
  const blobs = container.get<BlobStore>(BlobStore);
  const jobs = container.get<JobQueue>(JobQueue);

  // Listen for other nodes' access-cache invalidations before serving.
  const access = container.get<CachedAccessView>(CachedAccessView);
  const opened = [() => real.close(), () => jobs.close(), () => parley.close()];
  phase = 'subscribing to access changes';
  await access.start().catch((error: unknown) => abandon(error, opened));
  opened.push(() => access.stop());
  // A previous process may have died between storing messages and finishing their follow-ups (read and
  // activity marks, jobs): finish them now, before serving, so a restart leaves nothing behind.
  phase = 'finishing what earlier processes left (the outbox relay)';
  await parley.delivery.relayOutbox.execute({ startup: true }).catch((error: unknown) => abandon(error, opened));
  phase = 'starting its jobs';

  // In the embedded default the API runs the job handlers itself; behind workers, RUN_JOBS=false.
  const stopJobs = config.runJobs
    ? await runJobs(jobs, parley, logger, config.retentionIntervalMs).catch((error: unknown) => abandon(error, opened))
    : () => {};
  // Typing indicators that ran out get their typing.stopped from here (each from one node only).
  const typingSweep = setInterval(
    () =>
      void parley.delivery.expireTyping
        .execute()
        .catch((error: unknown) => logger.warn('typing sweep failed', { error: String(error) })),
    1000,
  );
  typingSweep.unref();

  const webDir = config.webClient ? webClientDir() : null;
  const { app, handler: answer } = createHttpApp(
    {
      modules: parley,
      clock: ports.clock,
      logger,
      metrics,
      ...(real.realtime ? { counters: real.realtime.requestCounters } : {}),
      ...(isSignedBlobServer(blobs) ? { blobServer: blobs } : {}),
      readiness: async () => ({ process: true, ...(await real.readiness()) }),
    },
    {
      version: '0.1.0',
      corsOrigins: config.corsOrigins,
      ipAllow: config.ipAllow,
      ipBlock: config.ipBlock,
      trustProxyHops: config.trustProxyHops,
      bodyLimitBytes: 256 * 1024,
      maxUploadBytes: config.maxUploadBytes,
      metricsAccess: config.metricsToken ? { token: config.metricsToken } : config.production ? 'off' : 'open',
      webDir,
      webPushPublicKey: config.webPush?.publicKey ?? null,
      pushKinds: PUSH_KINDS.filter((kind) => ({ webpush: config.webPush, fcm: config.fcm, apns: config.apns })[kind]),
      rateLimits: {
        perIp: { limit: config.requestsPerIpPerMinute, windowMs: 60_000 },
        loginPerAccountAndIp: { limit: config.loginAttemptsPer15Min, windowMs: 15 * 60_000 },
        loginPerAccount: { limit: config.loginFailuresPerAccountPerHour, windowMs: 60 * 60_000 },
        loginPerIp: { limit: config.loginFailuresPerIpPerHour, windowMs: 60 * 60_000 },
        register: { limit: 20, windowMs: 60 * 60_000 },
        upload: { limit: 30, windowMs: 60_000 },
        accountMailPerIp: { limit: 20, windowMs: 60 * 60_000 },
        accountMailPerAddress: { limit: 5, windowMs: 60 * 60_000 },
      },
    },
  );
  handler = answer;
  clearInterval(slow);
  const gateway = new WebSocketGateway(
    { modules: parley, access, publisher: ports.publisher, participants: ports.participants, logger, metrics },
    { path: '/ws', ...config.ws },
  );
  gateway.attach(server);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    container,
    parley,
    adapters: container.get<Record<string, string>>(TOKENS.Adapters),
    webClient: webDir !== null,
    gateway,
    app,
    stop: async () => {
      stopJobs();
      clearInterval(typingSweep);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.close();
      server.closeIdleConnections();
      await parley.close();
      await access.stop();
      await jobs.close();
      await real.close();
      setTimeout(() => server.closeAllConnections(), 5000).unref();
      await closed;
    },
  };
}

/** The built web client (@parley/web's dist), when it is installed and built. */
function webClientDir(): string | null {
  try {
    const dir = join(dirname(createRequire(import.meta.url).resolve('@parley/web/package.json')), 'dist');
    return existsSync(join(dir, 'index.html')) ? dir : null;
  } catch {
    return null;
  }
}
