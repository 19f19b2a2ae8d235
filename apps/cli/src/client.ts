import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ParleyClient as Sdk, ParleyError } from '@parley/client';

/** Exit codes, so scripts can tell failures apart. */
export const EXIT = { usage: 2, auth: 3, notFound: 4, server: 5, conflict: 6 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exit: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface Credentials {
  url: string;
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string; role: string };
}

/** Where the token lives: the user's config dir (e.g. ~/.config/parley), never the working directory. */
export class CredentialStore {
  constructor(private readonly configDir: string) {}

  get file(): string {
    return join(this.configDir, 'credentials.json');
  }

  async load(): Promise<Credentials | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Credentials;
    } catch {
      return null;
    }
  }

  async save(credentials: Credentials): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFile(this.file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  }

  async clear(): Promise<void> {
    await rm(this.file, { force: true });
  }
}

const exitFor = (status: number): number =>
  status === 401 || status === 403
    ? EXIT.auth
    : status === 404
      ? EXIT.notFound
      : status === 409
        ? EXIT.conflict
        : status >= 500 || status === 0
          ? EXIT.server
          : EXIT.usage;

/** A failure of @parley/client as the CLI reports it: a message, an exit code, the API's code. */
function cliError(error: unknown, url: string): CliError {
  if (error instanceof CliError) return error;
  if (!(error instanceof ParleyError)) return new CliError(String(error), EXIT.server);
  if (error.status === 0)
    return new CliError(
      `cannot reach the Parley API at ${url} (${error.message.replace(/^the API could not be reached: /, '')})`,
      EXIT.server,
      error.code,
    );
  if (error.code === 'refresh_token_reused' || error.code === 'invalid_refresh_token' || error.code === 'not_signed_in')
    return new CliError('your session expired; run `parley login` again', EXIT.auth, error.code);
  return new CliError(`${error.message} (${error.code})`, exitFor(error.status), error.code);
}

/**
 * The API's admin endpoints, through @parley/client (which attaches the access token and refreshes it
 * when it is about to expire or refused); every new token pair is saved for the next command.
 */
export class ParleyClient {
  private readonly sdk: Sdk;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private credentials: Credentials,
    private readonly store: CredentialStore,
  ) {
    this.sdk = new Sdk({
      url: credentials.url,
      tokens: { accessToken: credentials.accessToken, refreshToken: credentials.refreshToken },
      onTokens: (tokens) => {
        if (!tokens) return;
        this.credentials = { ...this.credentials, ...tokens };
        this.saving = this.store.save(this.credentials);
      },
    });
  }

  /** Signs in; an account with two-factor sign-in is asked for its code (`askCode`) after the password. */
  static async login(
    url: string,
    login: string,
    password: string,
    store: CredentialStore,
    askCode: () => Promise<string>,
  ): Promise<ParleyClient> {
    const sdk = new Sdk({ url });
    const signedIn = await (async () => {
      const answer = await sdk.login(login, password);
      if (!('twoFactorRequired' in answer)) return answer;
      const code = (await askCode()).trim();
      return sdk.completeSignIn(answer, /^\d{6}$/.test(code) ? { code } : { recoveryCode: code });
    })().catch((error: unknown) => {
      throw cliError(error, url);
    });
    const credentials = {
      url,
      accessToken: signedIn.accessToken,
      refreshToken: signedIn.refreshToken,
      user: { id: signedIn.user.id, username: signedIn.user.username, role: signedIn.user.role },
    };
    await store.save(credentials);
    return new ParleyClient(credentials, store);
  }

  get user() {
    return this.credentials.user;
  }

  /** Any admin operation by method and path (under /api/v1); resolves with the parsed body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const url = this.credentials.url;
    const request = new Request(`${url.replace(/\/$/, '')}/api/v1${path}`, {
      method,
      signal: AbortSignal.timeout(30_000),
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
    let response: Response;
    try {
      response = await this.sdk.session.authorizedFetch(request);
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause;
      throw cliError(
        error instanceof ParleyError ? error : new ParleyError(0, 'network_error', cause?.message ?? String(error)),
        url,
      );
    } finally {
      await this.saving;
    }
    const text = await response.text();
    const data = text ? safeJson(text) : null;
    if (response.ok) return data as T;
    const failure = (data as { error?: { code: string; message: string } } | null)?.error;
    throw cliError(
      new ParleyError(
        response.status,
        failure?.code ?? `http_${response.status}`,
        failure?.message ?? `the API answered ${response.status}`,
      ),
      url,
    );
  }

  async logout(): Promise<void> {
    await this.request('DELETE', '/auth/logout', {}).catch(() => undefined);
    await this.store.clear();
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};
