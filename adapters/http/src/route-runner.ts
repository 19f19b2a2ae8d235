import type { Request } from 'express';
import { DependencyUnavailable, isModerator, type Logger, type ParleyModules, type Principal } from '@parley/core';
import { fromDomain, HttpError } from './errors.js';
import type { RequestLimits } from './request-limits.js';
import type { Reply, RouteSpec } from './routes/route.js';
import { validate, validateQuery } from './validation.js';

/** What a route needs of a request, whichever edge (Express, or the hot path) parsed it. */
export interface RouteInput {
  header(name: string): string | undefined;
  /** The client's address as this edge believes it (see `trust proxy`). */
  ip: string;
  params: Record<string, string>;
  /** The parsed JSON body, before validation (undefined: none was sent). */
  body: unknown;
  /** The parsed query string, before validation. */
  query: Record<string, unknown>;
  /** Express's request, for the few routes that read more of it (uploads, sign-in origins); never a hot route. */
  req: Request;
}

/** Runs one REST operation: authentication, the staff check, validation, per-route limits, the handler. */
export class RouteRunner {
  constructor(
    private readonly identity: ParleyModules['identity'],
    private readonly limits: RequestLimits,
    private readonly logger: Logger,
  ) {}

  /** `signedIn` hears the caller's id as soon as it is known (for the request log, also when the route refuses). */
  async run(route: RouteSpec, input: RouteInput, signedIn: (userId: string) => void): Promise<Reply> {
    let guessing: { account: string; ip: string } | null = null;
    try {
      const principal = route.auth === false ? null : await authenticate(input.header('authorization'), this.identity);
      if (principal) signedIn(principal.user.id);
      // Defence in depth: the use cases check finer roles, but nobody without a staff role gets past here.
      if (route.staff && !isModerator(principal!.user))
        throw new HttpError(403, 'staff_only', 'this route is for moderators and admins');
      const body: { login?: string; email?: string; challenge?: string } = route.body
        ? validate(route.body, input.body, 'body')
        : {};
      const query = route.query ? validateQuery(route.query, input.query) : {};
      guessing = await this.limitSensitive(route, input.ip, body, principal);
      const out = await route.handler({
        get req() {
          return input.req;
        },
        header: (name) => input.header(name),
        principal: principal as Principal,
        actorId: principal?.user.id ?? '',
        params: input.params,
        body,
        query,
      });
      if (guessing) await this.limits.loginSucceeded(guessing.account, guessing.ip);
      return out;
    } catch (error) {
      if (TOKEN_ROUTES.has(route.path) && error instanceof HttpError && error.code === 'token_invalid')
        await this.limits
          .tokenGuessFailed(input.ip)
          .catch((e: unknown) => this.logger.warn('could not count a wrong link token', { error: String(e) }));
      if (guessing && error instanceof HttpError && PASSWORD_WRONG.has(error.code))
        await this.limits
          .loginFailed(guessing.account, guessing.ip)
          .catch((e: unknown) => this.logger.warn('could not count a failed sign-in', { error: String(e) }));
      throw error;
    }
  }

  /**
   * Per-route limits before the handler runs. Routes that check a password (sign-in, and the password
   * re-entry of self export/erasure) return the account and address their failures count against.
   */
  private async limitSensitive(
    route: RouteSpec,
    ip: string,
    body: { login?: string; email?: string; challenge?: string },
    principal: Principal | null,
  ) {
    if (route.path === '/auth/register') await this.limits.consume('register', ip);
    if (route.path === '/media/upload' && principal) await this.limits.consume('upload', principal.user.id);
    if (MAIL_ROUTES.has(route.path)) {
      await this.limits.consume('accountMailPerIp', ip);
      await this.limits.consume(
        'accountMailPerAddress',
        String(body.email ?? '')
          .trim()
          .toLowerCase(),
      );
    }
    if (TOKEN_ROUTES.has(route.path)) await this.limits.assertTokenGuessAllowed(ip);
    const account =
      route.path === '/auth/login'
        ? await this.identity.logIn.accountKey(String(body.login ?? ''))
        : route.path === '/auth/2fa/verify'
          ? await this.identity.completeTwoFactorSignIn.accountKey(body.challenge)
          : route.checksPassword && principal
            ? `user:${principal.user.id}`
            : null;
    if (account === null) return null;
    await this.limits.assertLoginAllowed(account, ip);
    return { account, ip };
  }
}

/** Whether a route has limits of its own beyond the per-address one (the hot path takes none of these). */
export const hasOwnLimits = (route: RouteSpec): boolean =>
  route.checksPassword === true ||
  TOKEN_ROUTES.has(route.path) ||
  MAIL_ROUTES.has(route.path) ||
  ['/auth/register', '/media/upload', '/auth/login', '/auth/2fa/verify'].includes(route.path);

/** Routes that spend a single-use link's token: a wrong token counts against the address's sign-in failures. */
const TOKEN_ROUTES = new Set(['/auth/password-reset/confirm', '/auth/email-verification/confirm']);
/** Routes that send an account e-mail: limited per address asking and per address written to. */
const MAIL_ROUTES = new Set(['/auth/password-reset', '/auth/email-verification']);

/** The answers that mean a guessed password was wrong: they count against the brute-force limits. */
const PASSWORD_WRONG = new Set(['invalid_credentials', 'wrong_password', 'invalid_code']);

async function authenticate(header: string | undefined, identity: ParleyModules['identity']): Promise<Principal> {
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (header && !token) throw new HttpError(401, 'invalid_token', 'Authorization must be "Bearer <token>"');
  const result = await identity.authenticate.execute(token);
  if (!result.ok) throw fromDomain(result.error);
  return result.value;
}

/** Any error as the HTTP error it is answered with (a 500 for what nobody expected, logged). */
export function toHttpError(error: unknown, request: { method: string; path: string }, logger: Logger): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof DependencyUnavailable) {
    logger.warn('dependency unavailable', {
      method: request.method,
      path: request.path,
      dependency: error.dependency,
      // what the driver said (a wait for a connection, a server not selected, a network error): how to tell them apart
      cause: error.cause === undefined ? null : String(error.cause),
    });
    return new HttpError(503, `${error.dependency}_unavailable`, error.message, undefined, { 'retry-after': '5' });
  }
  const e = error as { type?: string; status?: number; message?: string };
  if (e.type === 'entity.parse.failed')
    return new HttpError(400, 'malformed_json', 'the request body is not valid JSON');
  if (e.type === 'entity.too.large') return new HttpError(413, 'payload_too_large', 'the request body is too large');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported')
    return new HttpError(415, 'unsupported_media_type', e.message ?? 'unsupported encoding');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500)
    return new HttpError(e.status, 'bad_request', e.message ?? 'bad request');
  logger.error('unhandled error', { method: request.method, path: request.path, error });
  return new HttpError(500, 'internal_error', 'something went wrong on our side');
}
