import type { DepsOf } from '../../shared/deps.js';
import { buildUseCases, type BuiltUseCases, type UseCaseRecipes } from '../../shared/use-case-recipes.js';
import type { CoreConfig } from '../../shared/config.js';
import { ListDeadJobs, RetryDeadJobs } from './use-cases/dead-jobs.use-case.js';
import { ExpireTyping } from './use-cases/expire-typing.use-case.js';
import { GetConversationEvents } from './use-cases/get-conversation-events.use-case.js';
import { GetPresence } from './use-cases/get-presence.use-case.js';
import { ListTyping } from './use-cases/list-typing.use-case.js';
import { NotifyMessage } from './use-cases/notify-message.use-case.js';
import { RegisterPushTarget, RemovePushTargets } from './use-cases/push-targets.use-case.js';
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
  DepsOf<typeof RegisterPushTarget> &
  DepsOf<typeof RemovePushTargets> &
  DepsOf<typeof RelayOutbox> &
  DepsOf<typeof RetryDeadJobs> &
  DepsOf<typeof SetTyping> &
  DepsOf<typeof SyncConversations> &
  DepsOf<typeof TrackPresence>;

/**
 * The delivery module: catch-up, sync, presence and typing, the outbox relay, notifications and dead jobs.
 * Each use case is built from the ports it names, by the one recipe listed here.
 */
export const deliveryUseCases = {
  trackPresence: (deps: DeliveryDeps, config: CoreConfig) => new TrackPresence(deps, config),
  getPresence: (deps: DeliveryDeps) => new GetPresence(deps),
  setTyping: (deps: DeliveryDeps, config: CoreConfig) => new SetTyping(deps, config),
  listTyping: (deps: DeliveryDeps) => new ListTyping(deps),
  expireTyping: (deps: DeliveryDeps) => new ExpireTyping(deps),
  getConversationEvents: (deps: DeliveryDeps) => new GetConversationEvents(deps),
  syncConversations: (deps: DeliveryDeps) => new SyncConversations(deps),
  relayOutbox: (deps: DeliveryDeps) => new RelayOutbox(deps),
  notifyMessage: (deps: DeliveryDeps) => new NotifyMessage(deps),
  registerPushTarget: (deps: DeliveryDeps) => new RegisterPushTarget(deps),
  removePushTargets: (deps: DeliveryDeps) => new RemovePushTargets(deps),
  listDeadJobs: (deps: DeliveryDeps) => new ListDeadJobs(deps),
  retryDeadJobs: (deps: DeliveryDeps) => new RetryDeadJobs(deps),
} satisfies UseCaseRecipes<DeliveryDeps>;

export function deliveryModule(deps: DeliveryDeps, config: CoreConfig) {
  return buildUseCases(deliveryUseCases, deps, config);
}

export type DeliveryModule = BuiltUseCases<typeof deliveryUseCases>;
/** The DI token of the built module (apps bind it per module; see runtime/src/core-modules.ts). */
export const DeliveryModule = Symbol.for('DeliveryModule');
