export { loadConfig, ConfigError, buildContainer, TOKENS, type ApiConfig, type Overrides } from '@parley/runtime';
export { startApi, type RunningApi } from './server.js';
