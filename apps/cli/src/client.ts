import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Exit codes, so scripts can tell failures apart. */
export const EXIT = { usage: 2, auth: 3, notFound: 4, server: 5, conflict: 6 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exit: number, readonly code?: string) {
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
  status === 401 || status === 403 ? EXIT.auth : status === 404 ? EXIT.notFound : status === 409 ? EXIT.conflict : status >= 500 ? EXIT.server : EXIT.usage;

/** The API's admin endpoints over HTTP, refreshing the access token when it expires. */
export class ParleyClient {
  constructor(private credentials: Credentials, private readonly store: CredentialStore) {}

  static async login(url: string, login: string, password: string, store: CredentialStore): Promise<ParleyClient> {
    const body = await raw(url, 'POST', '/auth/login', { login, password });
    const credentials = { url, accessToken: body.accessToken, refreshToken: body.refreshToken, user: { id: body.user.id, username: body.user.username, role: body.user.role } };
    await store.save(credentials);
    return new ParleyClient(credentials, store);
  }

  get user() {
    return this.credentials.user;
  }

  async request<T = any>(method: string, path: string, body?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    try {
      return await raw(this.credentials.url, method, path, body, this.credentials.accessToken);
    } catch (error) {
      if (!(error instanceof CliError) || error.code !== 'invalid_token') throw error;
    }
    const fresh = await raw(this.credentials.url, 'POST', '/auth/refresh', { refreshToken: this.credentials.refreshToken })
      .catch(() => { throw new CliError('your session expired; run `parley login` again', EXIT.auth); });
    this.credentials = { ...this.credentials, accessToken: fresh.accessToken, refreshToken: fresh.refreshToken };
    await this.store.save(this.credentials);
    return raw(this.credentials.url, method, path, body, this.credentials.accessToken);
  }

  async logout(): Promise<void> {
    await this.request('DELETE', '/auth/logout').catch(() => undefined);
    await this.store.clear();
  }
}

async function raw(url: string, method: string, path: string, body?: unknown, token?: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  let response: Response;
  try {
    response = await fetch(`${url.replace(/\/$/, '')}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new CliError(`cannot reach the Parley API at ${url} (${(error as Error).cause ? String((error as { cause: Error }).cause.message ?? (error as Error).cause) : (error as Error).message})`, EXIT.server);
  }
  const text = await response.text();
  const data = text ? safeJson(text) : null;
  if (response.ok) return data;
  const error = (data as { error?: { code: string; message: string } } | null)?.error;
  throw new CliError(error ? `${error.message} (${error.code})` : `the API answered ${response.status}`, exitFor(response.status), error?.code);
}

const safeJson = (text: string): unknown => {
  try { return JSON.parse(text); } catch { return text; }
};
