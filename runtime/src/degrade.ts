import { onFailure, type Logger } from '@parley/core';

/**
 * A port that answers from `fallback` whenever `primary` fails: how Redis-backed limits and presence
 * degrade while Redis is away (to per-node, in-memory answers) instead of failing the request. Each call
 * tries the primary first, so the port is back on Redis as soon as Redis answers again. One warning per
 * `quietMs` at most.
 */
export function withFallback<T extends object>(
  name: string,
  primary: T,
  fallback: T,
  logger: Logger,
  quietMs = 10_000,
): T {
  let lastWarning = 0;
  return onFailure(primary, (error, method, args) => {
    if (Date.now() - lastWarning > quietMs) {
      lastWarning = Date.now();
      logger.warn(`${name} unavailable; answering from this node's memory until it is back`, { error: String(error) });
    }
    return (Reflect.get(fallback, method) as (...a: unknown[]) => unknown).apply(fallback, args);
  });
}

/** What `work` settles to, or `fallback` if it has not within `ms` (or if it failed); the timer never lingers. */
export async function orAfter<T>(ms: number, work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** A readiness check that says false instead of hanging: a dependency that does not answer in time is down. */
export function within(ms: number, check: () => Promise<boolean>): () => Promise<boolean> {
  return () => orAfter(ms, check(), false);
}
