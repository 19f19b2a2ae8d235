import { loadConfig, type ApiConfig } from '@parley/runtime';
import { ResponseConformance } from '@parley/adapter-http/testkit';
import { startApi, type RunningApi } from './server.js';

export const TEST_SECRET = 'test-secret-'.padEnd(48, 'k');

/** A real API server on a free port with the embedded adapters, quiet and fast (bcrypt cost 4). */
export async function startTestApi(
  env: Record<string, string> = {},
  patch: (c: ApiConfig) => void = () => {},
): Promise<RunningApi> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      BCRYPT_ROUNDS: '4',
      JWT_SECRET: TEST_SECRET,
      DATA_DIR: `/tmp/parley-test-${process.pid}`,
      ...env,
    },
    () => TEST_SECRET,
  );
  patch(config);
  return startApi(config);
}

export interface Client {
  userId: string;
  accessToken: string;
  refreshToken: string;
}

export async function call(
  api: RunningApi,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await response.text();
  // Every response a test gets must be one the API document promises.
  (await conformanceOf(api)).check(
    method,
    `${api.url}${path}`,
    response.status,
    response.headers.get('content-type'),
    text,
  );
  let body: any = null; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: response.status, body, headers: response.headers };
}

export async function signUp(api: RunningApi, name: string): Promise<Client> {
  const r = await call(api, 'POST', '/api/v1/auth/register', {
    body: { email: `${name}@example.test`, username: name, password: 'correct horse battery' },
  });
  if (r.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(r.body)}`);
  return { userId: r.body.user.id, accessToken: r.body.accessToken, refreshToken: r.body.refreshToken };
}

const conformance = new WeakMap<RunningApi, Promise<ResponseConformance>>();
/** The API's own document, read once per server, as the judge of every response in these tests. */
function conformanceOf(api: RunningApi): Promise<ResponseConformance> {
  let judge = conformance.get(api);
  if (!judge) {
    // A server that refuses this client (IP lists) has no document to give: every path is then unknown.
    judge = fetch(`${api.url}/api/openapi.json`).then(
      async (r) => new ResponseConformance(r.ok ? await r.json() : { paths: {} }),
    );
    conformance.set(api, judge);
  }
  return judge;
}
