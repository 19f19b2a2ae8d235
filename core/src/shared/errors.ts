/**
 * Expected failures, as values. `type` is the union tag a driving adapter maps to its outcome
 * (HTTP status, CLI exit code, worker ack); `code` is the stable machine code clients see.
 */
export type FieldIssue = { readonly field: string; readonly message: string };

export type EntityName =
  | 'user' | 'conversation' | 'participant' | 'message' | 'media' | 'report' | 'session' | 'flag';

export type NotFound = { type: 'NotFound'; code: string; message: string; entity: EntityName };
export type Forbidden = { type: 'Forbidden'; code: string; message: string };
export type ValidationFailed = { type: 'ValidationFailed'; code: 'validation_failed'; message: string; details: FieldIssue[] };
export type Conflict = { type: 'Conflict'; code: string; message: string };
export type Unauthenticated = { type: 'Unauthenticated'; code: string; message: string };
export type RateLimited = { type: 'RateLimited'; code: 'rate_limited'; message: string; retryAfterMs: number };
export type FeatureDisabled = { type: 'FeatureDisabled'; code: 'feature_disabled'; message: string; flag: string };

export type DomainError =
  | NotFound | Forbidden | ValidationFailed | Conflict | Unauthenticated | RateLimited | FeatureDisabled;

export type ErrorType = DomainError['type'];

export const notFound = (entity: EntityName): NotFound =>
  ({ type: 'NotFound', code: `${entity}_not_found`, message: `${entity} not found`, entity });

export const forbidden = (code: string, message: string): Forbidden => ({ type: 'Forbidden', code, message });

export const invalid = (details: FieldIssue[] | string, message?: string): ValidationFailed => {
  const list = typeof details === 'string' ? [{ field: details, message: message ?? 'is invalid' }] : details;
  const first = list[0];
  return { type: 'ValidationFailed', code: 'validation_failed', message: first ? `${first.field} ${first.message}` : 'invalid input', details: list };
};

export const conflict = (code: string, message: string): Conflict => ({ type: 'Conflict', code, message });

export const unauthenticated = (code: string, message: string): Unauthenticated =>
  ({ type: 'Unauthenticated', code, message });

export const rateLimited = (retryAfterMs: number): RateLimited =>
  ({ type: 'RateLimited', code: 'rate_limited', message: 'too many requests', retryAfterMs });

export const featureDisabled = (flag: string): FeatureDisabled =>
  ({ type: 'FeatureDisabled', code: 'feature_disabled', message: `feature '${flag}' is disabled`, flag });
