import type { Request } from 'express';
import type Joi from 'joi';
import type { DomainError, Principal, Result } from '@parley/core';
import { fromDomain } from '../errors.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext {
  /** Express's request: for the few routes that read more than a header (uploads, sign-in origins). */
  req: Request;
  /** A request header (the hot routes read headers through this only: they may run without Express). */
  header(name: string): string | undefined;
  principal: Principal;
  actorId: string;
  params: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the route's joi schema
  query: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the route's joi schema
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One REST operation: everything the router, the OpenAPI document and the tests need to know. */
export interface RouteSpec {
  method: Method;
  /** Express path below /api/v1, e.g. `/conversations/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Whether a bearer access token is required (the default). */
  auth?: boolean;
  /** Moderators and admins only, whatever the target (every /admin route). */
  staff?: boolean;
  /** Takes the caller's password again: wrong guesses count against the sign-in brute-force limits. */
  checksPassword?: boolean;
  body?: Joi.Schema;
  query?: Joi.Schema;
  /** Path parameters that take one of a fixed set of values (documented as an enum; the use case checks them). */
  paramValues?: Record<string, readonly string[]>;
  /** Reads the request body itself, as a stream (signed blob uploads); no body parser runs. */
  stream?: boolean;
  /**
   * The stable error codes this operation may refuse with, by status, beyond the ones every route shares
   * (not_allowed, *_not_found, validation_failed...): listed in the OpenAPI document.
   */
  refusals?: Partial<Record<403 | 404 | 409, readonly string[]>>;
  /** Documented responses besides the standard error ones: a description, or a body and its schema. */
  responses: Record<number, string | Answer>;
  handler(ctx: RouteContext): Promise<Reply>;
}

/** A documented response body. */
export interface Answer {
  description: string;
  /** The body's schema (JSON); none for raw bytes. */
  schema?: Joi.Schema;
  contentType?: string;
}

export const answer = (description: string, schema?: Joi.Schema, contentType?: string): Answer => ({
  description,
  ...(schema ? { schema } : {}),
  ...(contentType ? { contentType } : {}),
});

/** A use-case result as a reply: the value with the success status, or the mapped domain error thrown. */
export function reply<T>(result: Result<T, DomainError>, status = 200, map: (value: T) => unknown = (v) => v): Reply {
  if (!result.ok) throw fromDomain(result.error);
  return status === 204 ? { status } : { status, body: map(result.value) };
}

export const page = <T>(value: { data: T[]; nextCursor: string | null }) => value;
