/**
 * Expected failures, as values. `type` is the union tag a driving adapter maps to its outcome
 * (HTTP status, CLI exit code, worker ack); `code` is the stable machine code clients see.
 */
export type FieldIssue = { readonly field: string; readonly message: string };

export type EntityName =
  | 'user'
  | 'conversation'
  | 'participant'
  | 'message'
  | 'media'
  | 'report'
  | 'session'
  | 'flag'
  | 'pin'
  | 'invite'
  | 'join_request'
  | 'purge'
  | 'filter'
  | 'held_message'
  | 'bot'
  | 'webhook';

export type NotFound = { type: 'NotFound'; code: string; message: string; entity: EntityName };
export type Forbidden = { type: 'Forbidden'; code: string; message: string };
export type ValidationFailed = {
  type: 'ValidationFailed';
  code: 'validation_failed';
  message: string;
  details: FieldIssue[];
};
export type Conflict = { type: 'Conflict'; code: string; message: string };
export type Unauthenticated = { type: 'Unauthenticated'; code: string; message: string };
export type RateLimited = { type: 'RateLimited'; code: 'rate_limited'; message: string; retryAfterMs: number };
export type FeatureDisabled = { type: 'FeatureDisabled'; code: 'feature_disabled'; message: string; flag: string };

export type DomainError =
  NotFound | Forbidden | ValidationFailed | Conflict | Unauthenticated | RateLimited | FeatureDisabled;

export type ErrorType = DomainError['type'];

export const notFound = (entity: EntityName): NotFound => ({
  type: 'NotFound',
  code: `${entity}_not_found`,
  message: `${entity} not found`,
  entity,
});

export const forbidden = (code: string, message: string): Forbidden => ({ type: 'Forbidden', code, message });

export const invalid = (details: FieldIssue[] | string, message?: string): ValidationFailed => {
  const list = typeof details === 'string' ? [{ field: details, message: message ?? 'is invalid' }] : details;
  const first = list[0];
  return {
    type: 'ValidationFailed',
    code: 'validation_failed',
    message: first ? `${first.field} ${first.message}` : 'invalid input',
    details: list,
  };
};

export const conflict = (code: string, message: string): Conflict => ({ type: 'Conflict', code, message });

export const unauthenticated = (code: string, message: string): Unauthenticated => ({
  type: 'Unauthenticated',
  code,
  message,
});

export const rateLimited = (retryAfterMs: number): RateLimited => ({
  type: 'RateLimited',
  code: 'rate_limited',
  message: 'too many requests',
  retryAfterMs,
});

export const featureDisabled = (flag: string): FeatureDisabled => ({
  type: 'FeatureDisabled',
  code: 'feature_disabled',
  message: `feature '${flag}' is disabled`,
  flag,
});

/**
 * Thrown (not returned) by a driven adapter whose server cannot be reached right now — the database, the
 * object store. Nothing was wrong with the request: a driving adapter answers "try again shortly" (HTTP
 * 503 with a `<dependency>_unavailable` code). Whatever the request had done before stays as it was; a
 * retry with the same idempotency key is safe.
 */
export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: 'database' | 'storage' | 'queue',
    options?: { cause?: unknown },
  ) {
    super(`the ${dependency} is unavailable; try again shortly`, options);
    this.name = 'DependencyUnavailable';
  }
}

/**
 * Wraps every method of a port: a call whose promise rejects is answered by `recover` instead (which may
 * answer otherwise, or throw). What the edges' error translation and the degraded modes are made of.
 */
export function onFailure<T extends object>(
  port: T,
  recover: (error: unknown, method: PropertyKey, args: unknown[]) => unknown,
): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result instanceof Promise ? result.catch((error: unknown) => recover(error, property, args)) : result;
      };
    },
  });
}

/**
 * Wraps every method of a port so that errors `isDown` recognises become DependencyUnavailable: how an
 * adapter turns its driver's connection errors into the one error the edges know.
 */
export function failingAsUnavailable<T extends object>(
  port: T,
  dependency: DependencyUnavailable['dependency'],
  isDown: (error: unknown) => boolean,
): T {
  return onFailure(port, (error) => {
    throw isDown(error) ? new DependencyUnavailable(dependency, { cause: error }) : error;
  });
}
