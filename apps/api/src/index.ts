export { loadConfig, ConfigError, buildContainer, TOKENS, type ApiConfig, type Overrides } from '@parley/composition';
export { startApi, type RunningApi } from './server.js';
