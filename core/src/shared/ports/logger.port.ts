export const Logger = Symbol.for('Logger');

export interface Logger {
  /** Writes a structured line; fields must never hold secrets or tokens. */
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
}
