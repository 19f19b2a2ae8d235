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

/** Why a readiness check failed (it threw, said no, or did not answer within `ms`), or null if it passed. */
async function explained(ms: number, check: () => Promise<boolean>): Promise<string | null> {
  const outcome = check().then(
    (ok) => (ok ? null : 'answered that it is not ready'),
    (error: unknown) => `failed: ${String(error)}`,
  );
  return orAfter(ms, outcome, `no answer within ${ms} ms`);
}

/**
 * The readiness of each dependency, checked at once, each within `ms`; a check that fails is logged with why (an
 * error, a "no", or no answer in time) when it starts failing or fails for another reason, and again when it passes
 * once more: not on every poll of /ready. (A soak saw nodes not ready for 90 s while the database was cut and restarted
 * every few seconds, and nothing said whether the ping failed or was only slow.)
 */
export function readinessOf(
  checks: Record<string, () => Promise<boolean>>,
  logger: Logger,
  ms: number,
): () => Promise<Record<string, boolean>> {
  const failing = new Map<string, string>();
  return async () => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, await explained(ms, check)] as const),
    );
    for (const [name, cause] of results) {
      if (cause !== null && failing.get(name) !== cause)
        logger.warn('readiness check failed', { dependency: name, cause });
      if (cause === null && failing.has(name)) logger.info('readiness check passes again', { dependency: name });
      if (cause === null) failing.delete(name);
      else failing.set(name, cause);
    }
    return Object.fromEntries(results.map(([name, cause]) => [name, cause === null]));
  };
}
