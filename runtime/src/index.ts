export { loadConfig, ConfigError, type ApiConfig } from './config.js';
export { connectAdapters, type RealAdapters } from './adapters.js';
export { buildContainer, coreConfig, defaultLogger, TOKENS, type Overrides } from './container.js';
export { useCaseToken } from './core-modules.js';
export { jobHandlers, runJobs } from './jobs.js';
export { closeAll, CLOSE_STEP_MS, isTransientStartError, startWhenReachable, stopOnSignals } from './process.js';
export { CachedAccessView } from '@parley/adapter-access-cache';
