import { DEFAULT_CONFIG, type CoreConfig } from './shared/config.js';
import type { Ports } from './ports.js';
import { AccessCache, type AccessCacheOptions } from './cache/access-cache.js';
import { MessageFollowUps, type FollowUpOptions } from './modules/messaging/index.js';
import type { SendProbe } from './modules/messaging/policies/publish-message.js';
import { identityModule } from './modules/identity/identity.module.js';
import { conversationsModule } from './modules/conversations/conversations.module.js';
import { messagingModule } from './modules/messaging/messaging.module.js';
import { mediaModule } from './modules/media/media.module.js';
import { moderationModule } from './modules/moderation/moderation.module.js';
import { deliveryModule } from './modules/delivery/delivery.module.js';

export interface ParleyOptions {
  accessCache?: AccessCacheOptions;
  /** How often marks may be written, and the timer of the outbox checkpoint (see MessageFollowUps). */
  followUps?: FollowUpOptions;
  /** Tests only: runs after each step of the send path, and may throw to play a crash there. */
  probe?: SendProbe;
}

/**
 * Parley over one set of ports, module by module: the simplest way to embed it. Each module is built
 * from the ports it names; a driving adapter is handed the one module it serves (`messageRoutes(messaging)`).
 */
export function createParley(stores: Ports, overrides: Partial<CoreConfig> = {}, options: ParleyOptions = {}) {
  const config: CoreConfig = { ...DEFAULT_CONFIG, ...overrides };
  const access = new AccessCache(stores, options.accessCache);
  // Every write to a row the access cache holds goes through these ports, so it invalidates everywhere.
  const cached = access.wrap(stores);
  const followUps = new MessageFollowUps(cached, options.followUps);
  const deps = { ...cached, access, followUps, probe: options.probe };
  const ready = access.start();
  return {
    /** Resolves once this process listens for other nodes' cache invalidations. */
    ready: ready.then(() => undefined),
    /** Waits for this process's message follow-ups (before shutdown, or in tests), leaves its outbox checkpoint, then stops listening. */
    close: async () => {
      await followUps.close();
      await access.stop();
    },
    followUps,
    /** Tells a listener which users and sessions changed (here or on another node): open sockets re-check. */
    watchAccess: (listener: Parameters<AccessCache['watch']>[0]) => access.watch(listener),
    identity: identityModule(deps, config),
    conversations: conversationsModule(deps, config),
    messaging: messagingModule(deps, config),
    media: mediaModule(deps, config),
    moderation: moderationModule(deps),
    delivery: deliveryModule(deps, config),
  };
}

export type Parley = ReturnType<typeof createParley>;

/** The six modules, each handed whole to the driving adapters that serve it. */
export type ParleyModules = Pick<Parley, 'identity' | 'conversations' | 'messaging' | 'media' | 'moderation' | 'delivery'>;
