import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** What the fault tests share: the services script, free ports, and API / worker processes they can kill. */
const root = fileURLToPath(new URL('../../..', import.meta.url));
export const apiMain = fileURLToPath(new URL('./main.ts', import.meta.url));
export const workerMain = fileURLToPath(new URL('../../worker/src/main.ts', import.meta.url));

/** `scripts/services.sh stop|start NAME`: takes a real server away, or brings it back. */
export const services = (...args: string[]) =>
  execFileSync('bash', [`${root}/scripts/services.sh`, ...args], { stdio: 'ignore', timeout: 120_000 });

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface Running {
  child: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Resolves once its output includes the text (throws after `ms`, or when the process exits first). */
  printed(text: string, ms?: number): Promise<void>;
}

/** Starts an app's entry point from source, with this process's environment plus `env`. */
export function startProcess(main: string, env: Record<string, string>): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@parley/source', main], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  return {
    child,
    output: () => output,
    printed: async (text, ms = 60_000) => {
      const end = Date.now() + ms;
      while (!output.includes(text)) {
        if (child.exitCode !== null)
          throw new Error(`exited with ${child.exitCode} before printing "${text}": ${output}`);
        if (Date.now() > end) throw new Error(`did not print "${text}" within ${ms} ms: ${output}`);
        await sleep(50);
      }
    },
  };
}

/** Starts an API process on a free port and waits until /ready answers 200. */
export async function startApi(env: Record<string, string>): Promise<Running & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = startProcess(apiMain, {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    BCRYPT_ROUNDS: '4',
    ...env,
  });
  for (
    let i = 0;
    i < 600 &&
    !(await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    ));
    i += 1
  ) {
    if (api.child.exitCode !== null) throw new Error(`the API exited: ${api.output()}`);
    await sleep(100);
  }
  return { ...api, base };
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

let address = 1;

/**
 * A request that must answer within `ms` (a hang fails the test); each comes from its own address, so no IP limit
 * trips. Each opens its own connection: `services()` blocks this process while a server stops, so a pooled
 * keep-alive socket can outlive the API's 5 s idle timeout unnoticed and be reused just as the API closes it.
 */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  ms = 3000,
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-forwarded-for': `10.7.${Math.floor(address / 250) % 250}.${address++ % 250}`,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }),
  };
  return new Promise<Answer>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          // not JSON: the status says enough
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    const deadline = setTimeout(() => req.destroy(new Error(`${method} ${path}: no answer within ${ms} ms`)), ms);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Repeats a request until it answers `status` (or `tries` run out, 200 ms apart); returns the last answer. */
export async function until(status: number, tries: number, request: () => Promise<Answer>): Promise<Answer> {
  let last = await request().catch(() => ({ status: 0, body: null }));
  for (let i = 1; i < tries && last.status !== status; i += 1) {
    await sleep(200);
    last = await request().catch(() => ({ status: 0, body: null }));
  }
  return last;
}

/** Waits until `check` holds, polling every 100 ms; false when `ms` ran out. */
export async function eventually(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await sleep(100);
  }
  return check();
}

/**
 * A TCP proxy to a service that a test can cut (every connection through it dropped, new ones refused until the cut
 * ends) and heal: one process cut off from Redis or the database while the others still reach it.
 */
export class CuttableProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Socket>();
  private cutUntil = 0;
  port = 0;
  constructor(private readonly target: URL) {}
  async start(): Promise<void> {
    this.port = await freePort();
    this.server = createServer((client) => {
      if (Date.now() < this.cutUntil) return client.destroy();
      const upstream = connect(Number(this.target.port), this.target.hostname);
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        a.on('error', () => b.destroy());
        a.on('close', () => b.destroy());
        a.pipe(b);
      }
      this.pairs.add(client).add(upstream);
      client.on('close', () => {
        this.pairs.delete(client);
        this.pairs.delete(upstream);
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }
  /** The service's URL with this proxy's address in it. */
  url(original: string): string {
    const u = new URL(original);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }
  cut(ms: number): void {
    this.cutUntil = Date.now() + ms;
    for (const socket of this.pairs) socket.destroy();
    this.pairs.clear();
  }
  close(): void {
    for (const socket of this.pairs) socket.destroy();
    this.server?.close();
  }
}
