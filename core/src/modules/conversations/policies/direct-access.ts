import type { Ports } from '../../../ports.js';
import type { AccessView } from '../ports/access-view.port.js';

/**
 * The AccessView with no memory of its own: every read goes to the stores, so nothing is ever stale and
 * nothing needs invalidating (there are no changes to watch). What an embedder gets unless it wires a
 * caching adapter, and what the contract of a caching one is measured against.
 */
export function directAccess(
  stores: Pick<Ports, 'conversations' | 'participants' | 'users' | 'flags' | 'sessions' | 'blocks' | 'contentFilters'>,
): AccessView {
  return {
    conversation: (id) => stores.conversations.findById(id),
    participant: (conversationId, userId) => stores.participants.find(conversationId, userId),
    user: (id) => stores.users.findById(id),
    blocked: (a, b) => stores.blocks.between(a, b),
    flag: (name) => stores.flags.get(name),
    filters: () => stores.contentFilters.list(),
    session: (id) => stores.sessions.findById(id),
    watch: () => () => undefined,
  };
}
