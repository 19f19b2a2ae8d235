import { ContainerModule, type ResolutionContext } from 'inversify';
import { CachedAccessView } from '@parley/adapter-access-cache';
import {
  AccessView,
  assembleParley,
  ConversationsModule,
  conversationsUseCases,
  DeliveryModule,
  BotsModule,
  botsUseCases,
  IntegrationsModule,
  integrationsUseCases,
  deliveryUseCases,
  IdentityModule,
  identityUseCases,
  MediaModule,
  mediaUseCases,
  MessagingModule,
  messagingUseCases,
  ModerationModule,
  moderationUseCases,
  parleyDeps,
  PORT_TOKENS,
  type BuiltUseCases,
  type CoreConfig,
  type Parley,
  type ParleyDeps,
  type Ports,
  type UseCaseRecipes,
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

/** The token one use case is bound under: `parley.<module>.<use case>`, e.g. `parley.messaging.sendMessage`. */
export const useCaseToken = (module: string, useCase: string) => Symbol.for(`parley.${module}.${useCase}`);

/**
 * One ContainerModule per core module: it binds each use case under its own token, one by one, from the recipe
 * table its `<module>.module.ts` exports (the construction list is written once, in core, so an embedder's
 * `createParley` and the apps build the same objects), and the module under its token as the object of those
 * same instances, which is what a route or socket handler is handed.
 */
const coreModule = <R extends UseCaseRecipes<never>>(module: string, token: symbol, recipes: R) =>
  new ContainerModule(({ bind }) => {
    const names = Object.keys(recipes);
    const resolved = (ctx: ResolutionContext) =>
      Object.defineProperties(
        {},
        Object.fromEntries(
          names.map((name) => [name, { get: () => ctx.get(useCaseToken(module, name)), enumerable: true }]),
        ),
      );
    for (const name of names) {
      bind(useCaseToken(module, name))
        .toDynamicValue((ctx) =>
          recipes[name]!(
            ctx.get<ParleyDeps>(TOKENS.Deps) as never,
            ctx.get<CoreConfig>(TOKENS.CoreConfig),
            resolved(ctx) as never,
          ),
        )
        .inSingletonScope();
    }
    bind<BuiltUseCases<R>>(token)
      .toDynamicValue(
        (ctx) =>
          Object.fromEntries(names.map((name) => [name, ctx.get(useCaseToken(module, name))])) as BuiltUseCases<R>,
      )
      .inSingletonScope();
  });

export const identityContainer = () => coreModule('identity', IdentityModule, identityUseCases);
export const conversationsContainer = () => coreModule('conversations', ConversationsModule, conversationsUseCases);
export const messagingContainer = () => coreModule('messaging', MessagingModule, messagingUseCases);
export const mediaContainer = () => coreModule('media', MediaModule, mediaUseCases);
export const moderationContainer = () => coreModule('moderation', ModerationModule, moderationUseCases);
export const deliveryContainer = () => coreModule('delivery', DeliveryModule, deliveryUseCases);
export const botsContainer = () => coreModule('bots', BotsModule, botsUseCases);
export const integrationsContainer = () => coreModule('integrations', IntegrationsModule, integrationsUseCases);

/** The eight modules as one Parley, for the apps that serve them all. */
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
          bots: ctx.get(BotsModule),
          integrations: ctx.get(IntegrationsModule),
        }),
      )
      .inSingletonScope();
  });
