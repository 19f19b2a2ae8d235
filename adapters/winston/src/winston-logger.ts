import winston from 'winston';
import type { Logger } from '@parley/core';

const SECRET_KEYS = /pass(word)?|token|secret|authorization|cookie|signature|sig$/i;

/** Drops values of fields whose names look secret, at any depth, so a careless caller cannot leak them. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1),
    ]),
  );
}

/** JSON lines on stdout via winston, one object per event, secrets redacted. */
export class WinstonLogger implements Logger {
  private readonly logger: winston.Logger;

  constructor(options: { level?: string; service?: string; silent?: boolean; stream?: NodeJS.WritableStream } = {}) {
    this.logger = winston.createLogger({
      level: options.level ?? 'info',
      silent: options.silent ?? false,
      defaultMeta: { service: options.service ?? 'parley' },
      format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
      transports: [
        options.stream ? new winston.transports.Stream({ stream: options.stream }) : new winston.transports.Console(),
      ],
    });
  }

  // Below the level nothing is built: no redaction, no format pipeline (the request log runs per request).
  debug(message: string, fields?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('debug')) this.logger.debug(message, redact(fields ?? {}));
  }
  info(message: string, fields?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('info')) this.logger.info(message, redact(fields ?? {}));
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('warn')) this.logger.warn(message, redact(fields ?? {}));
  }
  error(message: string, fields?: Record<string, unknown>): void {
    if (this.logger.isLevelEnabled('error')) this.logger.error(message, redact(fields ?? {}));
  }
}
