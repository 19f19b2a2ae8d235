import type { DepsOf } from '../../shared/deps.js';
import type { CoreConfig } from '../../shared/config.js';
import { ListDeadJobs, RetryDeadJobs } from './use-cases/dead-jobs.use-case.js';
import { ExpireTyping } from './use-cases/expire-typing.use-case.js';
import { GetConversationEvents } from './use-cases/get-conversation-events.use-case.js';
import { GetPresence } from './use-cases/get-presence.use-case.js';
import { ListTyping } from './use-cases/list-typing.use-case.js';
import { NotifyMessage } from './use-cases/notify-message.use-case.js';
import { RelayOutbox } from './use-cases/relay-outbox.use-case.js';
import { SetTyping } from './use-cases/set-typing.use-case.js';
import { SyncConversations } from './use-cases/sync-conversations.use-case.js';
import { TrackPresence } from './use-cases/track-presence.use-case.js';

/** What the delivery use cases need: the union of the ports their constructors name, and nothing else. */
export type DeliveryDeps = DepsOf<typeof ExpireTyping> &
  DepsOf<typeof GetConversationEvents> &
  DepsOf<typeof GetPresence> &
  DepsOf<typeof ListDeadJobs> &
  DepsOf<typeof ListTyping> &
  DepsOf<typeof NotifyMessage> &
  DepsOf<typeof RelayOutbox> &
  DepsOf<typeof RetryDeadJobs> &
  DepsOf<typeof SetTyping> &
  DepsOf<typeof SyncConversations> &
  DepsOf<typeof TrackPresence>;

/**
 * The delivery module: catch-up, sync, presence and typing, the outbox relay, notifications and dead jobs.
 * Each use case is built here, once, from the ports it names.
 */
export function deliveryModule(deps: DeliveryDeps, config: CoreConfig) {
  return {
    trackPresence: new TrackPresence(deps, config),
    getPresence: new GetPresence(deps),
    setTyping: new SetTyping(deps, config),
    listTyping: new ListTyping(deps),
    expireTyping: new ExpireTyping(deps),
    getConversationEvents: new GetConversationEvents(deps),
    syncConversations: new SyncConversations(deps),
    relayOutbox: new RelayOutbox(deps),
    notifyMessage: new NotifyMessage(deps),
    listDeadJobs: new ListDeadJobs(deps),
    retryDeadJobs: new RetryDeadJobs(deps),
  };
}

export type DeliveryModule = ReturnType<typeof deliveryModule>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const DeliveryModule = Symbol.for('DeliveryModule');
