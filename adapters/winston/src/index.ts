export { WinstonLogger, redact } from './winston-logger.js';
