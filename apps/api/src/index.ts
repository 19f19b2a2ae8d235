export { loadConfig, ConfigError, type ApiConfig } from './config.js';
export { buildContainer, TOKENS, type Overrides } from './container.js';
export { startApi, type RunningApi } from './server.js';
