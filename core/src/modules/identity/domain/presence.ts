import type { PresenceState } from '../../delivery/index.js';
import type { PresenceStatus } from './user.js';

/** What a presence record shows: offline, away or online. */
export const presenceOf = (state: PresenceState | undefined): PresenceStatus =>
  !state?.online ? 'offline' : state.away ? 'away' : 'online';
