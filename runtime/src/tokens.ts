/** Tokens of what the runtime binds beside the core's ports and modules. */
export const TOKENS = {
  Config: Symbol.for('ApiConfig'),
  /** The ports as use cases take them: the adapters, writes to access rows wrapped by the access cache. */
  Ports: Symbol.for('Ports'),
  /** `parleyDeps`: the ports, the AccessView and the outbox follow-ups every module builds on. */
  Deps: Symbol.for('ParleyDeps'),
  CoreConfig: Symbol.for('CoreConfig'),
  Parley: Symbol.for('Parley'),
  Metrics: Symbol.for('HttpMetrics'),
  Adapters: Symbol.for('AdapterNames'),
} as const;
