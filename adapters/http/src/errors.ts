import type { Response } from 'express';
import type { DomainError, ErrorType } from '@parley/core';

/** The one table mapping a domain error type to its HTTP status. */
export const STATUS_BY_ERROR: Record<ErrorType, number> = {
  ValidationFailed: 422,
  Unauthenticated: 401,
  Forbidden: 403,
  FeatureDisabled: 403,
  NotFound: 404,
  Conflict: 409,
  RateLimited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** An error raised at the HTTP edge (before any use case ran), with its status and stable code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function fromDomain(error: DomainError): HttpError {
  const headers: Record<string, string> =
    error.type === 'RateLimited' ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) } : {};
  const details = error.type === 'ValidationFailed' ? error.details : undefined;
  return new HttpError(STATUS_BY_ERROR[error.type], error.code, error.message, details, headers);
}

/** The body every error is answered with. */
export function errorBody(error: HttpError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export function sendError(res: Response, error: HttpError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(errorBody(error));
}
