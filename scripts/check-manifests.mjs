// Every workspace package declares, in its own package.json "dependencies", each package its shipped code
// imports at run time; the core declares none at all. A production install (npm ci --omit=dev, the
// Dockerfile's prune) then holds what the code needs, not whatever happened to be hoisted in development.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const workspaces = [
  'core',
  'runtime',
  ...['adapters', 'apps'].flatMap((dir) => readdirSync(join(root, dir)).map((name) => `${dir}/${name}`)),
].filter((dir) => statSync(join(root, dir, 'package.json'), { throwIfNoEntry: false }));

/** Shipped sources: not specs, not the testkit (its imports are the test runner's). */
const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testkit' ? [] : sources(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !/\.(spec|test)\.|\.d\.ts$/.test(entry.name) ? [path] : [];
  });

// Value imports only: `import type` and `export type` vanish at compile time.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const packageOf = (specifier) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
const builtins = new Set(builtinModules);

const problems = [];
for (const workspace of workspaces) {
  const manifest = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8'));
  const declared = new Set(
    Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies }),
  );
  if (workspace === 'core' && declared.size > 0)
    problems.push(`core: must have no runtime dependencies, declares ${[...declared].join(', ')}`);
  const srcDir = join(root, workspace, 'src');
  if (!statSync(srcDir, { throwIfNoEntry: false })) continue;
  for (const file of sources(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const name = packageOf(specifier);
      if (name !== manifest.name && !declared.has(name))
        problems.push(`${file.slice(root.length)}: imports ${name}, which ${workspace}/package.json does not declare`);
    }
  }
}
if (problems.length > 0) {
  console.error(`undeclared runtime dependencies:\n  ${[...new Set(problems)].join('\n  ')}`);
  process.exit(1);
}
console.log(`${workspaces.length} packages declare every runtime dependency they import; @parley/core has none`);
