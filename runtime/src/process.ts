import { isUnavailable as isDatabaseUnavailable } from '@parley/adapter-mongodb';
import { isRedisUnavailable } from '@parley/adapter-redis';
import { ConfigError } from './config.js';
import { orAfter } from './degrade.js';

/** Shared process plumbing for the apps' entry points: signals and start-up failures. */
export function stopOnSignals(stop: () => Promise<void>, announce: (line: string) => void, what: string): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    announce(`${signal} received: ${what}`);
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * Whether a start failed because a server it needs is not there yet (not running, restarting, unreachable), which
 * is worth trying again, rather than because something is wrong (configuration, a bug), which is not.
 */
export function isTransientStartError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof ConfigError) return false;
  if (error.name === 'DependencyUnavailable') return true;
  if (isDatabaseUnavailable(error) || isRedisUnavailable(error)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/.test(code))
    return true;
  return /unreachable|ECONNREFUSED|ECONNRESET|connection is closed/i.test(error.message);
}

/**
 * Starts, and while the start fails on a server that is not there yet (isTransientStartError), says so and tries
 * again (1, 2, 4, then every 5 s) for up to `seconds`: an API or worker started before its database or broker, or
 * restarted while one is down, comes up when it is back instead of exiting. Any other failure is thrown at once.
 */
export async function startWhenReachable<T>(
  start: () => Promise<T>,
  options: { seconds: number; log: (line: string) => void; sleep?: (ms: number) => Promise<void> },
): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const end = Date.now() + options.seconds * 1000;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      const wait = Math.min(5000, 1000 * 2 ** attempt);
      if (!isTransientStartError(error) || Date.now() + wait > end) throw error;
      options.log(`not started: ${String(error)}; trying again in ${wait / 1000} s (STARTUP_WAIT_SECONDS)`);
      await sleep(wait);
    }
  }
}

/** How long one step of closing may take before it is left behind (a server that does not answer). */
export const CLOSE_STEP_MS = 5000;

/**
 * Runs each closer in turn, giving each at most `ms`: what a dependency that does not answer cannot close is left
 * behind rather than waited for. A failed start closes what it opened this way, so its retry comes (an unbounded
 * close of a Redis client while Redis was away held restarted nodes at "starting" for minutes).
 */
export async function closeAll(closers: (() => Promise<unknown>)[], ms = CLOSE_STEP_MS): Promise<void> {
  for (const close of closers) await orAfter(ms, close(), undefined);
}
