/**
 * Architecture rules, checked in CI (npm run boundaries):
 * the core depends on nothing, adapters never on each other, apps never on each other.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-self-contained',
      comment: 'core/ may import only its own files: no framework, driver, SDK, Node module or other package.',
      severity: 'error',
      from: { path: '^core/src' },
      to: { pathNot: '^core/src' },
    },
    {
      name: 'no-sibling-adapters',
      comment: 'An adapter depends on core and its own technology, never on another adapter.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/([^/]+)/', pathNot: '^adapters/$1/' },
    },
    {
      name: 'only-apps-use-runtime',
      comment: 'runtime/ assembles adapters (configuration, the shared Inversify modules); only apps may load it.',
      severity: 'error',
      from: { path: '^(core|adapters)/' },
      to: { path: '^runtime/' },
    },
    {
      name: 'adapters-not-on-apps',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(apps|features)/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'core-modules-talk-through-index',
      comment:
        'A core module may import another module only through its index.ts (domain, ports and the policies it ' +
        'shares); its use cases and private helpers are its own.',
      severity: 'error',
      from: { path: '^core/src/modules/([^/]+)/' },
      to: {
        path: '^core/src/modules/[^/]+/',
        pathNot: ['^core/src/modules/$1/', '^core/src/modules/[^/]+/index[.]ts$'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycle that exists at run time. Type-only imports are erased: the event vocabulary (delivery) ' +
        'names the entities of the modules that emit events, and those modules record events through delivery.',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'], viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|dist-tests|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@parley/source', 'import', 'types', 'default'],
      mainFields: ['types', 'main'],
      extensions: ['.ts', '.tsx', '.js'],
    },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
  },
};
