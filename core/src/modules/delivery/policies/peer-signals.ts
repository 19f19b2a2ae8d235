import type { AccessView } from '../../conversations/index.js';
import { passes, privacyOf } from '../../identity/index.js';
import type { RealtimeEvent } from '../domain/event.js';

/**
 * A peer's typing and presence: what a block between two people keeps from each, and what a `lastSeen` privacy
 * setting keeps from those it leaves out (docs/security.md).
 */
const PEER_SIGNALS = new Set(['typing.started', 'typing.stopped', 'presence.updated']);

/** The user a peer signal comes from, or null for every other event (which needs no per-recipient check). */
export function peerSignalFrom(event: RealtimeEvent): string | null {
  if (event.kind !== 'ephemeral' || !PEER_SIGNALS.has(event.event.type)) return null;
  return (event.event as { userId: string }).userId;
}

/**
 * Whether a realtime event may go to `userId`'s sockets. Every delivery edge asks this of the events
 * `peerSignalFrom` names (the socket gateway, an embedder's own): one publish reaches every member of a
 * conversation, so a block and a privacy setting are applied per recipient, here. Every recipient of a peer
 * signal shares a conversation with its sender, so the `shared` audience lets them all through. Both rows come
 * from the AccessView (cached per node). A failed check keeps the signal back.
 */
export async function mayDeliver(
  access: Pick<AccessView, 'blocked' | 'user'>,
  event: RealtimeEvent,
  userId: string,
): Promise<boolean> {
  const from = peerSignalFrom(event);
  if (from === null || from === userId) return true;
  try {
    const [blocked, sender] = await Promise.all([access.blocked(from, userId), access.user(from)]);
    return !blocked && (sender === null || (await passes(privacyOf(sender).lastSeen, userId, () => true)));
  } catch {
    return false;
  }
}
