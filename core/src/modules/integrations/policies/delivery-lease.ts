import type { Ports } from '../../../ports.js';

/** How long one delivery round may hold a (webhook, conversation) pair before another may take it over. */
const LEASE_MS = 120_000;

/**
 * Runs `work` holding the pair's lease (one delivery round, or a replay, at a time: the cursor has one writer), and
 * gives it back after. Waits up to `waitMs` for a round holding it; false if it never got it.
 */
export async function withDeliveryLease(
  deps: Pick<Ports, 'notificationLog' | 'clock'>,
  webhookId: string,
  conversationId: string,
  opts: { waitMs: number },
  work: () => Promise<void>,
): Promise<boolean> {
  const key = `webhook:${webhookId}:${conversationId}`;
  const giveUpAt = deps.clock.now().getTime() + opts.waitMs;
  for (;;) {
    const now = deps.clock.now();
    if (await deps.notificationLog.claim(key, new Date(now.getTime() + LEASE_MS), now)) break;
    if (now.getTime() >= giveUpAt) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    await work();
  } finally {
    await deps.notificationLog.release(key);
  }
  return true;
}
