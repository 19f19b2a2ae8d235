/**
 * The ports a use case names in its constructor (parameter `at`, the first by default): a module's
 * dependencies are the intersection of its use cases', so it can be built from exactly what it needs.
 */
export type DepsOf<
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  C extends abstract new (...args: any) => unknown,
  At extends number = 0,
> = ConstructorParameters<C>[At];
