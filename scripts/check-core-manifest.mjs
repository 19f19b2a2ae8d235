// The core ships with zero runtime dependencies; this fails the build if one is added.
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../core/package.json', import.meta.url), 'utf8'));
const declared = ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']
  .flatMap((field) => Object.keys(manifest[field] ?? {}).map((name) => `${field}: ${name}`));
if (declared.length > 0) {
  console.error(`@parley/core must have no runtime dependencies, found:\n  ${declared.join('\n  ')}`);
  process.exit(1);
}
console.log('@parley/core has no runtime dependencies');
