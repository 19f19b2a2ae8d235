import { JobQueue, type Parley } from '@parley/core';
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

export interface RunningWorker {
  adapters: Record<string, string>;
  parley: Parley;
  /** Stops scheduling, lets in-flight jobs finish, then closes connections. */
  stop(): Promise<void>;
}

/** The worker's composition: the shared modules, then every job queue consumed by the core's handlers. */
export async function startWorker(config: ApiConfig, overrides: Overrides = {}): Promise<RunningWorker> {
  const logger = overrides.logger ?? defaultLogger(config);
  const real = await connectAdapters(config, logger);
  const container = buildContainer(config, { ...overrides, logger }, real);
  const parley = container.get<Parley>(TOKENS.Parley);
  const access = container.get<CachedAccessView>(CachedAccessView);
  const jobs = container.get<JobQueue>(JobQueue);
  // A start that fails here closes what it opened (startWhenReachable may try again in this process).
  const abandon = async (error: unknown): Promise<never> => {
    await closeAll([() => access.stop(), () => jobs.close(), () => parley.close(), () => real.close()]);
    throw error;
  };
  await access.start().catch(abandon);
  const stopSchedules = await runJobs(jobs, parley, logger, config.retentionIntervalMs).catch(abandon);
  return {
    adapters: container.get<Record<string, string>>(TOKENS.Adapters),
    parley,
    stop: async () => {
      stopSchedules();
      await jobs.close();
      await access.stop();
      await real.close();
    },
  };
}
