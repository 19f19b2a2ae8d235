import type { PresenceStatus } from '../../identity/index.js';
import type { PresenceState } from '../ports/presence-store.port.js';

export const presenceOf = (state: PresenceState | undefined): PresenceStatus =>
  !state?.online ? 'offline' : state.away ? 'away' : 'online';
