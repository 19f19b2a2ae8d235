import type { AccessView } from '../../conversations/index.js';
import type { RealtimeEvent } from '../domain/event.js';

/** A peer's typing and presence: what a block between two people keeps from each (docs/security.md). */
const PEER_SIGNALS = new Set(['typing.started', 'typing.stopped', 'presence.updated']);

/** The user a peer signal comes from, or null for every other event (which needs no per-recipient check). */
export function peerSignalFrom(event: RealtimeEvent): string | null {
  if (event.kind !== 'ephemeral' || !PEER_SIGNALS.has(event.event.type)) return null;
  return (event.event as { userId: string }).userId;
}

/**
 * Whether a realtime event may go to `userId`'s sockets. Every delivery edge asks this of the events
 * `peerSignalFrom` names (the socket gateway, an embedder's own): one publish reaches every member of a
 * conversation, so a block is applied per recipient, here. A failed check keeps the signal back.
 */
export async function mayDeliver(
  access: Pick<AccessView, 'blocked'>,
  event: RealtimeEvent,
  userId: string,
): Promise<boolean> {
  const from = peerSignalFrom(event);
  if (from === null || from === userId) return true;
  return access.blocked(from, userId).then(
    (blocked) => !blocked,
    () => false,
  );
}
