import type { CoreConfig } from './config.js';

/**
 * How a module builds each of its use cases: one entry per use case, written once. `built` holds the use cases
 * listed before it (a use case that drives a sibling, e.g. scheduled delivery driving `sendMessage`, lists after it).
 * `<module>Module(deps, config)` builds the whole table in one go (what `createParley` does); the apps' container
 * binds each entry under its own token instead (runtime/src/core-modules.ts), from this same table.
 */
export type UseCaseRecipes<D> = {
  readonly [name: string]: (deps: D, config: CoreConfig, built: never) => object;
};

/** The use cases a recipe table builds, by name. */
export type BuiltUseCases<R> = {
  readonly [K in keyof R]: R[K] extends (...args: never[]) => infer T ? T : never;
};

/** Every use case of a recipe table, built in the order it lists them. */
export function buildUseCases<D, R extends UseCaseRecipes<D>>(
  recipes: R,
  deps: D,
  config: CoreConfig,
): BuiltUseCases<R> {
  const built: Record<string, object> = {};
  for (const [name, recipe] of Object.entries(recipes)) built[name] = recipe(deps, config, built as never);
  return built as BuiltUseCases<R>;
}
