import { ParleyError } from './errors.js';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
}

export interface SessionOptions {
  /** The API's base URL, e.g. http://localhost:3000 (REST is under /api/v1). */
  url: string;
  fetch?: typeof fetch;
  /** Called with every new token pair (after sign-in and each refresh), to persist them. */
  onTokens?: (tokens: Tokens | null) => void;
  /** Refresh the access token when it expires within this long (default 30 s). */
  refreshMarginMs?: number;
}

/** The seconds since the epoch at which a JWT expires (read, not verified: the server verifies). */
export function expiresAt(token: string): number {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return Number((JSON.parse(atob(payload)) as { exp?: number }).exp ?? 0);
  } catch {
    return 0;
  }
}

/**
 * The signed-in session: holds the token pair and refreshes the access token when it is about to expire
 * or the server says it is invalid. Refresh tokens rotate on every use and a reused one ends the session,
 * so concurrent callers share one refresh.
 */
export class Session {
  private tokens: Tokens | null = null;
  private refreshing: Promise<string> | null = null;
  readonly fetch: typeof fetch;

  constructor(private readonly options: SessionOptions) {
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  get url(): string {
    return this.options.url.replace(/\/$/, '');
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  set(tokens: Tokens | null): void {
    this.tokens = tokens;
    this.options.onTokens?.(tokens);
  }

  /** A usable access token: the current one, or a fresh one when it is about to expire (refreshMarginMs). */
  async accessToken(): Promise<string> {
    if (!this.tokens) throw new ParleyError(401, 'not_signed_in', 'sign in first');
    if (expiresAt(this.tokens.accessToken) * 1000 - Date.now() > (this.options.refreshMarginMs ?? 30_000))
      return this.tokens.accessToken;
    return this.refresh();
  }

  /** Exchanges the refresh token for a new pair (one exchange at a time). */
  refresh(): Promise<string> {
    this.refreshing ??= (async () => {
      const refreshToken = this.tokens?.refreshToken;
      if (!refreshToken) throw new ParleyError(401, 'not_signed_in', 'sign in first');
      const answer = await this.fetch(`${this.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }).catch(() => null);
      if (!answer) throw new ParleyError(0, 'network_error', 'the API could not be reached');
      const body = (await answer.json().catch(() => null)) as {
        accessToken?: string;
        refreshToken?: string;
        error?: { code: string; message: string };
      } | null;
      if (!answer.ok || !body?.accessToken || !body.refreshToken) {
        if (answer.status === 401) this.set(null); // the session is over: sign in again
        throw new ParleyError(
          answer.status,
          body?.error?.code ?? 'refresh_failed',
          body?.error?.message ?? 'could not refresh the session',
        );
      }
      this.set({ accessToken: body.accessToken, refreshToken: body.refreshToken });
      return body.accessToken;
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * fetch with the access token, refreshed once and retried when the server says the token is invalid or
   * expired. Requests without a session go out without a token.
   */
  readonly authorizedFetch = async (input: Request): Promise<Response> => {
    if (!this.tokens) return this.fetch(input);
    const retry = input.clone();
    const first = await this.fetch(withToken(input, await this.accessToken()));
    if (first.status !== 401) return first;
    const code = await first
      .clone()
      .json()
      .then(
        (b: { error?: { code?: string } }) => b.error?.code,
        () => undefined,
      );
    if (code !== 'invalid_token' && code !== 'token_expired') return first;
    return this.fetch(withToken(retry, await this.refresh()));
  };
}

function withToken(request: Request, token: string): Request {
  const headers = new Headers(request.headers);
  headers.set('authorization', `Bearer ${token}`);
  return new Request(request, { headers });
}
