import { DEFAULT_CONFIG, type CoreConfig } from './shared/config.js';
import type { CorePorts, Ports } from './ports.js';
import { directAccess } from './modules/conversations/index.js';
import { MessageFollowUps, type FollowUpOptions } from './modules/messaging/index.js';
import type { SendProbe } from './modules/messaging/policies/publish-message.js';
import { identityModule, type IdentityModule } from './modules/identity/identity.module.js';
import { conversationsModule, type ConversationsModule } from './modules/conversations/conversations.module.js';
import { messagingModule, type MessagingModule } from './modules/messaging/messaging.module.js';
import { mediaModule, type MediaModule } from './modules/media/media.module.js';
import { moderationModule, type ModerationModule } from './modules/moderation/moderation.module.js';
import { deliveryModule, type DeliveryModule } from './modules/delivery/delivery.module.js';
import { botsModule, type BotsModule } from './modules/bots/bots.module.js';
import { integrationsModule, type IntegrationsModule } from './modules/integrations/integrations.module.js';

export interface ParleyOptions {
  /** How often marks may be written, and the timer of the outbox checkpoint (see MessageFollowUps). */
  followUps?: FollowUpOptions;
  /** Tests only: runs after each step of the send path, and may throw to play a crash there. */
  probe?: SendProbe;
}

/** The ports with the access view and the outbox follow-ups every module builds on: one set per process. */
export function parleyDeps(stores: Ports & Partial<Pick<CorePorts, 'access'>>, options: ParleyOptions = {}) {
  const ports: CorePorts = { ...stores, access: stores.access ?? directAccess(stores) };
  const followUps = new MessageFollowUps(ports, options.followUps);
  // Reads that must see this process's writes, and the relay, see the follow-ups through small interfaces.
  return { ...ports, followUps, ownWrites: followUps, outbox: followUps, probe: options.probe };
}

export type ParleyDeps = ReturnType<typeof parleyDeps>;

/** The eight modules, each handed whole to the driving adapters that serve it. */
export interface ParleyModules {
  identity: IdentityModule;
  conversations: ConversationsModule;
  messaging: MessagingModule;
  media: MediaModule;
  moderation: ModerationModule;
  delivery: DeliveryModule;
  bots: BotsModule;
  integrations: IntegrationsModule;
}

/** Parley as one object: the modules built over `deps`, and the process's lifecycle. */
export function assembleParley(deps: ParleyDeps, modules: ParleyModules) {
  return {
    /** Waits for this process's message follow-ups (before shutdown, or in tests), then leaves its outbox. */
    close: () => deps.followUps.close(),
    followUps: deps.followUps,
    /** The access view the use cases read: the socket re-checks its connections when it reports a change. */
    access: deps.access,
    ...modules,
  };
}

export type Parley = ReturnType<typeof assembleParley>;

/**
 * Parley over one set of ports, module by module: the simplest way to embed it. Each module is built
 * from the ports it names; a driving adapter is handed the one module it serves (`messageRoutes(messaging)`).
 * Without an `access` port, access rows are read from the stores each time (`directAccess`); a caching
 * AccessView (e.g. @parley/adapter-access-cache) is passed in with the stores it wraps.
 */
export function createParley(
  stores: Ports & Partial<Pick<CorePorts, 'access'>>,
  overrides: Partial<CoreConfig> = {},
  options: ParleyOptions = {},
): Parley {
  const config: CoreConfig = { ...DEFAULT_CONFIG, ...overrides };
  const deps = parleyDeps(stores, options);
  return assembleParley(deps, {
    identity: identityModule(deps, config),
    conversations: conversationsModule(deps, config),
    messaging: messagingModule(deps, config),
    media: mediaModule(deps, config),
    moderation: moderationModule(deps, config),
    delivery: deliveryModule(deps, config),
    bots: botsModule(deps, config),
    integrations: integrationsModule(deps, config),
  });
}
