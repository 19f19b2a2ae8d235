/** What the benchmark scripts share: free ports, child servers, and median (min-max) figures. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const out = (line: string) => process.stdout.write(`${line}\n`);

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Starts `node args` from the repository root (or `from`) and resolves once its stdout shows `ready`. */
export async function child(
  args: string[],
  env: Record<string, string>,
  ready: string,
  from = root,
): Promise<ChildProcess> {
  const proc = spawn(process.execPath, args, {
    cwd: from,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      seen += d;
      if (seen.includes(ready)) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`child exited ${code}: ${seen}`)));
  });
  proc.stdout!.resume();
  return proc;
}

/** CPU time (user + system) a process has used so far, in µs (Linux /proc). */
export function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

export const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
};
export const fmt = (x: { median: number; min: number; max: number }, digits = 0) =>
  `${x.median.toFixed(digits)} (${x.min.toFixed(digits)}-${x.max.toFixed(digits)})`;

/** Node flags that write a server's CPU profile into BENCH_PROFILE_DIR when it is set (none otherwise). */
export const profileArgs = (): string[] =>
  process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : [];

/**
 * The embedded Parley server in its own process (built code, embedded adapters whatever the shell points
 * at, limits out of the way), and a client for it that posts from ever-changing addresses (registration
 * is limited per address). BENCH_PROFILE_DIR writes the server's CPU profile there.
 */
export async function startParley(
  name: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
  /** Another built checkout of Parley to start instead of this one (a before-and-after comparison). */
  from = root,
) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = await child(
    [...profileArgs(), ...nodeArgs, 'apps/api/dist/main.js'],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      LOG_LEVEL: 'error',
      BCRYPT_ROUNDS: '4',
      TRUST_PROXY_HOPS: '1',
      REQUESTS_PER_IP_PER_MINUTE: '100000000',
      SEND_RATE_PER_SECOND: '1000000',
      DATA_DIR: `/tmp/parley-${name}-${port}`,
      MONGO_URL: '',
      REDIS_URL: '',
      AMQP_URL: '',
      S3_BUCKET: '',
      ...env,
    },
    'Parley API listening',
    from,
  );
  let address = 1;
  const post = async (path: string, body: unknown, token?: string) => {
    const r = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.9.${(address >> 8) & 255}.${address++ & 255}`,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r.json() as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  /** `count` new users, 25 at a time. */
  const register = async (count: number) => {
    const users = [];
    for (let i = 0; i < count; i += 25) {
      users.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(25, count - i) }, (_, k) =>
            post('/auth/register', {
              email: `${name}${i + k}@bench.test`,
              username: `${name}_${i + k}`,
              password: 'correct horse battery',
            }),
          ),
        )),
      );
    }
    return users;
  };
  return { proc, port, url, post, register };
}
