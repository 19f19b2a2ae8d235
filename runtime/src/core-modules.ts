import { ContainerModule, type ResolutionContext } from 'inversify';
import { CachedAccessView } from '@parley/adapter-access-cache';
import {
  AccessView,
  assembleParley,
  ConversationsModule,
  conversationsModule,
  DeliveryModule,
  deliveryModule,
  IdentityModule,
  identityModule,
  MediaModule,
  mediaModule,
  MessagingModule,
  messagingModule,
  ModerationModule,
  moderationModule,
  parleyDeps,
  PORT_TOKENS,
  type CoreConfig,
  type Parley,
  type ParleyDeps,
  type Ports,
} from '@parley/core';
import { TOKENS } from './tokens.js';

/** The adapters bound under each port's token, gathered into the object use cases take. */
const boundPorts = (ctx: ResolutionContext): Ports =>
  Object.fromEntries(Object.entries(PORT_TOKENS).map(([name, token]) => [name, ctx.get(token)])) as unknown as Ports;

/**
 * What every core module builds on, once per process: the access cache over the bound stores (writes to
 * access rows go through its wrapped stores, so they invalidate on every node), and the outbox follow-ups.
 */
export function coreDeps(every: (ms: number, run: () => void) => () => void, markIntervalMs: number) {
  return new ContainerModule(({ bind }) => {
    bind<CachedAccessView>(CachedAccessView)
      .toDynamicValue((ctx) => new CachedAccessView(boundPorts(ctx), { every }))
      .inSingletonScope();
    bind<AccessView>(AccessView)
      .toDynamicValue((ctx) => ctx.get<CachedAccessView>(CachedAccessView))
      .inSingletonScope();
    bind<Ports>(TOKENS.Ports)
      .toDynamicValue((ctx) => ctx.get<CachedAccessView>(CachedAccessView).wrap(boundPorts(ctx)))
      .inSingletonScope();
    bind<ParleyDeps>(TOKENS.Deps)
      .toDynamicValue((ctx) =>
        parleyDeps(
          { ...ctx.get<Ports>(TOKENS.Ports), access: ctx.get<AccessView>(AccessView) },
          { followUps: { every, markIntervalMs } },
        ),
      )
      .inSingletonScope();
  });
}

/**
 * One ContainerModule per core module: it binds the module under its token, built by the core's
 * `<module>.module.ts`, which constructs each use case from the ports it names. The construction list is
 * written once, in core, so an embedder's `createParley` and the apps build the same objects.
 */
const coreModule = <T>(token: symbol, build: (deps: ParleyDeps, config: CoreConfig) => T) =>
  new ContainerModule(({ bind }) => {
    bind<T>(token)
      .toDynamicValue((ctx) => build(ctx.get<ParleyDeps>(TOKENS.Deps), ctx.get<CoreConfig>(TOKENS.CoreConfig)))
      .inSingletonScope();
  });

export const identityContainer = () => coreModule<IdentityModule>(IdentityModule, identityModule);
export const conversationsContainer = () => coreModule<ConversationsModule>(ConversationsModule, conversationsModule);
export const messagingContainer = () => coreModule<MessagingModule>(MessagingModule, messagingModule);
export const mediaContainer = () => coreModule<MediaModule>(MediaModule, mediaModule);
export const moderationContainer = () => coreModule<ModerationModule>(ModerationModule, moderationModule);
export const deliveryContainer = () => coreModule<DeliveryModule>(DeliveryModule, deliveryModule);

/** The six modules as one Parley, for the apps that serve them all. */
export const parleyContainer = () =>
  new ContainerModule(({ bind }) => {
    bind<Parley>(TOKENS.Parley)
      .toDynamicValue((ctx) =>
        assembleParley(ctx.get<ParleyDeps>(TOKENS.Deps), {
          identity: ctx.get(IdentityModule),
          conversations: ctx.get(ConversationsModule),
          messaging: ctx.get(MessagingModule),
          media: ctx.get(MediaModule),
          moderation: ctx.get(ModerationModule),
          delivery: ctx.get(DeliveryModule),
        }),
      )
      .inSingletonScope();
  });
